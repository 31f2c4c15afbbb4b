with source as (

    select * from {{ ref('raw_payments') }}

),

renamed as (

    select
        payment_id,
        invoice_no as invoice_number,
        member_id,
        invoice_date,
        period_start as billing_period_start,
        period_end as billing_period_end,
        paid_on as paid_date,
        amount_eur as amount,
        currency as currency_code,
        case status_code
            when 'PAID' then 'paid'
            when 'FAIL' then 'failed'
            when 'RFND' then 'refunded'
            when 'PEND' then 'pending'
        end as payment_status,
        case method_code
            when 'CC' then 'card'
            when 'SDD' then 'sepa_direct_debit'
            when 'PP' then 'paypal'
        end as payment_method

    from source

)

select * from renamed
