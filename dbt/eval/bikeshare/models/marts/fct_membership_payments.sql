-- One row per membership invoice (monthly or yearly fee) and the outcome of its payment.

with payments as (

    select * from {{ ref('stg_payments') }}

),

members as (

    select * from {{ ref('stg_members') }}

),

sequenced as (

    select
        *,
        row_number() over (
            partition by member_id
            order by invoice_date, payment_id
        ) as invoice_seq
    from payments

)

select
    sequenced.payment_id::integer as payment_id,
    sequenced.invoice_number::text as invoice_number,
    sequenced.member_id::integer as member_id,
    members.plan_code::text as plan_code,
    sequenced.invoice_date::date as invoice_date,
    sequenced.billing_period_start::date as billing_period_start,
    sequenced.billing_period_end::date as billing_period_end,
    sequenced.paid_date::date as paid_date,
    sequenced.amount::numeric(8,2) as amount,
    sequenced.currency_code::text as currency_code,
    sequenced.payment_status::text as payment_status,
    sequenced.payment_method::text as payment_method,
    (sequenced.invoice_seq > 1)::boolean as is_renewal

from sequenced
left join members
    on sequenced.member_id = members.member_id
