-- One row per claim notified on a policy, with its current status, reserve and payments to date.

with claims as (

    select * from {{ ref('stg_claims') }}

),

policies as (

    select * from {{ ref('stg_policies') }}

),

payments as (

    select claim_id, sum(amount_eur) as paid_eur
    from {{ ref('stg_claim_payments') }}
    group by claim_id

),

joined as (

    select
        claims.*,
        policies.customer_id,
        policies.product_line,
        coalesce(payments.paid_eur, 0) as paid_eur,
        claims.reserve_eur + coalesce(payments.paid_eur, 0) as incurred_eur
    from claims
    left join policies
        on claims.policy_id = policies.policy_id
    left join payments
        on claims.claim_id = payments.claim_id

)

select
    claim_id::integer as claim_id,
    claim_number::text as claim_number,
    policy_id::integer as policy_id,
    customer_id::integer as customer_id,
    product_line::text as product_line,
    cause::text as cause,
    catastrophe_event::text as catastrophe_event,
    loss_date::date as loss_date,
    reported_date::date as reported_date,
    closed_date::date as closed_date,
    reopened_date::date as reopened_date,
    claim_status::text as claim_status,
    adjuster_id::integer as adjuster_id,
    reserve_eur::numeric(12,2) as reserve_eur,
    paid_eur::numeric(12,2) as paid_eur,
    incurred_eur::numeric(12,2) as incurred_eur,
    is_fraud_suspected::boolean as is_fraud_suspected,
    (incurred_eur > 15000)::boolean as is_large_loss,
    (reported_date - loss_date)::integer as reporting_lag_days,
    (case when claim_status = 'closed' then closed_date - reported_date end)::integer as settlement_days,
    (claim_status in ('open', 'reopened'))::boolean as is_open

from joined
