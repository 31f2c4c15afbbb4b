-- cancellation_date and cancellation_reason are filled exactly for cancelled members.
select member_id
from {{ ref('dim_members') }}
where (membership_status = 'cancelled') <> (cancellation_date is not null)
   or (membership_status = 'cancelled') <> (cancellation_reason is not null)
   or cancellation_date <= signup_date
