-- One row per broker agency Harbourline has ever had a distribution contract with.

select
    broker_id::integer as broker_id,
    broker_code::text as broker_code,
    broker_name::text as broker_name,
    region::text as region,
    commission_rate_pct::numeric(4,1) as commission_rate_pct,
    contract_start_date::date as contract_start_date,
    contract_end_date::date as contract_end_date,
    (contract_start_date <= {{ as_of_date() }}
        and (contract_end_date is null or contract_end_date >= {{ as_of_date() }}))::boolean as is_active

from {{ ref('stg_brokers') }}
