-- One row per docking station the network has ever had, closed and pop-up stations included.

select
    station_id::integer as station_id,
    station_code::text as station_code,
    station_name::text as station_name,
    district::text as district,
    station_type::text as station_type,
    dock_count::integer as dock_count,
    has_charging::boolean as has_charging,
    latitude::numeric(8,5) as latitude,
    longitude::numeric(8,5) as longitude,
    opened_date::date as opened_date,
    closed_date::date as closed_date,
    (closed_date is null or closed_date > {{ as_of_date() }})::boolean as is_operating

from {{ ref('stg_stations') }}
