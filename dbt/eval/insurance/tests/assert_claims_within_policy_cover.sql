-- Every claim's loss happened while its policy was in force (start_date to end_date, before any
-- cancellation) and was reported on or after the loss date.
select claims.claim_id
from {{ ref('fct_claims') }} as claims
join {{ ref('fct_policies') }} as policies
    on claims.policy_id = policies.policy_id
where claims.loss_date < policies.start_date
   or claims.loss_date > policies.end_date
   or (policies.cancellation_date is not null and claims.loss_date >= policies.cancellation_date)
   or claims.reported_date < claims.loss_date
   or claims.customer_id <> policies.customer_id
   or claims.product_line <> policies.product_line
