-- Instalments fall due within the policy term and before any cancellation; paid ones have a paid_date.
select instalments.instalment_id
from {{ ref('fct_premium_payments') }} as instalments
join {{ ref('fct_policies') }} as policies
    on instalments.policy_id = policies.policy_id
where instalments.due_date < policies.start_date
   or instalments.due_date > policies.end_date
   or (policies.cancellation_date is not null and instalments.due_date >= policies.cancellation_date)
   or (instalments.payment_status = 'paid') <> (instalments.paid_date is not null)
