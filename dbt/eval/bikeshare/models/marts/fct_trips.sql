-- One row per completed trip (ride, rental): who rode which bike from which station to which, for how long and at what fare.

with trips as (

    select * from {{ ref('stg_trips') }}

),

bikes as (

    select * from {{ ref('stg_bikes') }}

)

select
    trips.trip_id::bigint as trip_id,
    trips.started_at::timestamp as started_at,
    trips.ended_at::timestamp as ended_at,
    trips.started_at::date as start_date,
    trips.start_station_id::integer as start_station_id,
    trips.end_station_id::integer as end_station_id,
    trips.bike_id::integer as bike_id,
    bikes.bike_type::text as bike_type,
    trips.member_id::integer as member_id,
    (case when trips.member_id is null then 'casual' else 'member' end)::text as rider_type,
    trips.duration_minutes::numeric(6,1) as duration_minutes,
    trips.distance_km::numeric(6,2) as distance_km,
    trips.fare_amount::numeric(8,2) as fare_amount,
    trips.currency_code::text as currency_code,
    (trips.duration_minutes > 45)::boolean as is_long_trip,
    (trips.start_station_id = trips.end_station_id)::boolean as is_round_trip

from trips
left join bikes
    on trips.bike_id = bikes.bike_id
