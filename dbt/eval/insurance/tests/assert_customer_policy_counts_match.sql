-- dim_customers.policy_count and active_policy_count equal the customer's rows in fct_policies.
select customers.customer_id
from {{ ref('dim_customers') }} as customers
left join (
    select customer_id, count(*) as policies, count(*) filter (where is_active) as active_policies
    from {{ ref('fct_policies') }}
    group by customer_id
) as counted
    on customers.customer_id = counted.customer_id
where customers.policy_count <> coalesce(counted.policies, 0)
   or customers.active_policy_count <> coalesce(counted.active_policies, 0)
