-- Bookings precede their slot, only the future is still booked, only visits are checked in and
-- timed, only cancellations have a cancellation time.
select appointment_id
from {{ ref('fct_appointments') }}
where booked_at > scheduled_at
   or booked_date > {{ as_of_date() }}
   or (status = 'booked') <> (scheduled_date > {{ as_of_date() }} and cancelled_at is null)
   or (status = 'completed') <> (checked_in_at is not null)
   or (status = 'completed') <> (duration_minutes is not null)
   or (status in ('cancelled_by_client', 'cancelled_by_clinic')) <> (cancelled_at is not null)
   or cancelled_at > scheduled_at
