-- A trip is ridden on a bike in service on its start date, and ends after it starts.
select trips.trip_id
from {{ ref('fct_trips') }} as trips
join {{ ref('dim_bikes') }} as bikes
    on trips.bike_id = bikes.bike_id
where trips.start_date < bikes.in_service_date
   or (bikes.retired_date is not null and trips.start_date >= bikes.retired_date)
   or trips.ended_at <= trips.started_at
