-- One row per premium instalment billed to a policyholder and the outcome of its collection.

select
    instalment_id::integer as instalment_id,
    policy_id::integer as policy_id,
    instalment_number::integer as instalment_number,
    due_date::date as due_date,
    amount_eur::numeric(10,2) as amount_eur,
    payment_method::text as payment_method,
    payment_status::text as payment_status,
    paid_date::date as paid_date,
    (paid_date - due_date)::integer as days_to_pay

from {{ ref('stg_instalments') }}
