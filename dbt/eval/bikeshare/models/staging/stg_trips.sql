with source as (

    select * from {{ ref('raw_trips') }}

),

renamed as (

    select
        ride_id as trip_id,
        bike_id,
        member_id,
        start_station_id,
        end_station_id,
        started_at,
        ended_at,
        round(extract(epoch from ended_at - started_at) / 60, 1) as duration_minutes,
        round(distance_m / 1000.0, 2) as distance_km,
        fare_cents / 100.0 as fare_amount,
        currency as currency_code

    from source

)

select * from renamed
