-- One row per bike the fleet has ever had, retired (stolen, written off, end of life) bikes included.

select
    bike_id::integer as bike_id,
    frame_number::text as frame_number,
    bike_type::text as bike_type,
    model::text as model,
    battery_capacity_wh::integer as battery_capacity_wh,
    in_service_date::date as in_service_date,
    retired_date::date as retired_date,
    retirement_reason::text as retirement_reason,
    (in_service_date <= {{ as_of_date() }}
        and (retired_date is null or retired_date > {{ as_of_date() }}))::boolean as is_in_service

from {{ ref('stg_bikes') }}
