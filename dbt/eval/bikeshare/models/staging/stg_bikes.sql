with source as (

    select * from {{ ref('raw_bikes') }}

),

renamed as (

    select
        bike_id,
        frame_number,
        case bike_type
            when 'C' then 'CLASSIC'
            when 'E' then 'EBIKE'
        end as bike_type,
        model,
        battery_wh as battery_capacity_wh,
        commissioned_on as in_service_date,
        decommissioned_on as retired_date,
        case decommission_reason
            when 'THEFT' then 'theft'
            when 'VANDAL' then 'vandalism'
            when 'EOL' then 'end_of_life'
        end as retirement_reason

    from source

)

select * from renamed
