-- One row per policy term (12 months of cover of one product for one policyholder). A renewal is a
-- new row that points to the term it renews.

with policies as (

    select * from {{ ref('stg_policies') }}

),

brokers as (

    select * from {{ ref('stg_brokers') }}

),

renewed as (

    select distinct renewed_from_policy_id as policy_id
    from policies
    where renewed_from_policy_id is not null

),

statused as (

    select
        policies.*,
        brokers.commission_rate_pct,
        (renewed.policy_id is not null) as was_renewed,
        case
            when policies.cancellation_date is not null then 'cancelled'
            when policies.end_date >= {{ as_of_date() }} then 'active'
            when renewed.policy_id is not null then 'renewed'
            else 'lapsed'
        end as policy_status
    from policies
    left join brokers
        on policies.broker_id = brokers.broker_id
    left join renewed
        on policies.policy_id = renewed.policy_id

)

select
    policy_id::integer as policy_id,
    policy_number::text as policy_number,
    customer_id::integer as customer_id,
    broker_id::integer as broker_id,
    channel::text as channel,
    product_line::text as product_line,
    cover_level::text as cover_level,
    payment_frequency::text as payment_frequency,
    start_date::date as start_date,
    end_date::date as end_date,
    cancellation_date::date as cancellation_date,
    cancellation_reason::text as cancellation_reason,
    annual_premium_eur::numeric(10,2) as annual_premium_eur,
    round(annual_premium_eur * commission_rate_pct / 100, 2)::numeric(10,2) as commission_eur,
    policy_status::text as policy_status,
    (policy_status = 'active')::boolean as is_active,
    (renewed_from_policy_id is not null)::boolean as is_renewal,
    renewed_from_policy_id::integer as renewed_from_policy_id,
    was_renewed::boolean as was_renewed

from statused
