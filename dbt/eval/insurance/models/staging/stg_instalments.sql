with source as (

    select * from {{ ref('raw_instalments') }}

),

renamed as (

    select
        instalment_id,
        policy_id,
        seq_no as instalment_number,
        due_on as due_date,
        amount_eur,
        case method_code
            when 'DD' then 'direct_debit'
            when 'CARD' then 'card'
            when 'BT' then 'bank_transfer'
        end as payment_method,
        case status_code
            when 'PAID' then 'paid'
            when 'FAIL' then 'failed'
            when 'PEND' then 'pending'
        end as payment_status,
        paid_on as paid_date

    from source

)

select * from renamed
