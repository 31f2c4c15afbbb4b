-- cancellation_date and cancellation_reason are filled exactly for cancelled policies, within the term.
select policy_id
from {{ ref('fct_policies') }}
where (policy_status = 'cancelled') <> (cancellation_date is not null)
   or (policy_status = 'cancelled') <> (cancellation_reason is not null)
   or cancellation_date <= start_date
   or cancellation_date > end_date
   or (channel = 'broker') <> (broker_id is not null)
