with source as (

    select * from {{ ref('raw_stations') }}

),

renamed as (

    select
        station_id,
        station_code,
        trim(station_name) as station_name,
        district,
        case station_type
            when 'STD' then 'standard'
            when 'HUB' then 'mobility_hub'
            when 'POP' then 'pop_up'
        end as station_type,
        dock_count,
        coalesce(has_charging = 'Y', false) as has_charging,
        latitude,
        longitude,
        opened_on as opened_date,
        closed_on as closed_date

    from source

)

select * from renamed
