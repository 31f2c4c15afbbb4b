-- A renewal starts the day after the term it renews ends, for the same customer and product line.
select renewal.policy_id
from {{ ref('fct_policies') }} as renewal
join {{ ref('fct_policies') }} as previous
    on renewal.renewed_from_policy_id = previous.policy_id
where renewal.start_date <> previous.end_date + 1
   or renewal.customer_id <> previous.customer_id
   or renewal.product_line <> previous.product_line
   or previous.policy_status <> 'renewed'
