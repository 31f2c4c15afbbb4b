-- Members ride only while their membership runs: from the sign-up date to the day before cancellation.
select trips.trip_id
from {{ ref('fct_trips') }} as trips
join {{ ref('dim_members') }} as members
    on trips.member_id = members.member_id
where trips.start_date < members.signup_date
   or (members.cancellation_date is not null and trips.start_date >= members.cancellation_date)
