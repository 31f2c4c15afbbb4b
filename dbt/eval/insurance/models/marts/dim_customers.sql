-- One row per policyholder (customer), with a summary of their policies.

with customers as (

    select * from {{ ref('stg_customers') }}

),

policies as (

    select
        customer_id,
        min(start_date) as customer_since,
        count(*) as policy_count,
        count(*) filter (where is_active) as active_policy_count
    from {{ ref('fct_policies') }}
    group by customer_id

)

select
    customers.customer_id::integer as customer_id,
    customers.customer_number::text as customer_number,
    customers.first_name::text as first_name,
    customers.last_name::text as last_name,
    (customers.first_name || ' ' || customers.last_name)::text as full_name,
    customers.email::text as email,
    customers.phone::text as phone,
    customers.date_of_birth::date as date_of_birth,
    date_part('year', age({{ as_of_date() }}, customers.date_of_birth))::integer as age,
    case
        when date_part('year', age({{ as_of_date() }}, customers.date_of_birth)) <= 24 then '18-24'
        when date_part('year', age({{ as_of_date() }}, customers.date_of_birth)) <= 34 then '25-34'
        when date_part('year', age({{ as_of_date() }}, customers.date_of_birth)) <= 44 then '35-44'
        when date_part('year', age({{ as_of_date() }}, customers.date_of_birth)) <= 54 then '45-54'
        when date_part('year', age({{ as_of_date() }}, customers.date_of_birth)) <= 64 then '55-64'
        else '65+'
    end::text as age_band,
    customers.region::text as region,
    customers.city::text as city,
    customers.has_marketing_consent::boolean as has_marketing_consent,
    policies.customer_since::date as customer_since,
    coalesce(policies.policy_count, 0)::integer as policy_count,
    coalesce(policies.active_policy_count, 0)::integer as active_policy_count,
    (coalesce(policies.active_policy_count, 0) > 0)::boolean as is_active_customer

from customers
left join policies
    on customers.customer_id = policies.customer_id
