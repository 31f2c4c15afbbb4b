-- Trips only start and end at stations that operate on the trip's start date.
select trips.trip_id
from {{ ref('fct_trips') }} as trips
join {{ ref('dim_stations') }} as s
    on s.station_id in (trips.start_station_id, trips.end_station_id)
where trips.start_date < s.opened_date
   or (s.closed_date is not null and trips.start_date >= s.closed_date)
