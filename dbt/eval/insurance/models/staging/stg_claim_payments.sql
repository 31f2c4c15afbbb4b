with source as (

    select * from {{ ref('raw_claim_payments') }}

),

renamed as (

    select
        payment_id as claim_payment_id,
        claim_id,
        paid_on as payment_date,
        amount_eur,
        case payee_code
            when 'PH' then 'policyholder'
            when 'REP' then 'repair_shop'
            when 'TP' then 'third_party'
            when 'CON' then 'contractor'
            when 'MED' then 'medical_provider'
            when 'EXP' then 'expert'
        end as payee_type

    from source

)

select * from renamed
