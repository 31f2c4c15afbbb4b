with source as (

    select * from {{ ref('raw_clinics') }}

),

renamed as (

    select
        clinic_id,
        clinic_code,
        clinic_name,
        city,
        region,
        country_code,
        case country_code
            when 'GB' then 'United Kingdom'
            when 'IE' then 'Ireland'
        end as country,
        case country_code
            when 'GB' then 'GBP'
            when 'IE' then 'EUR'
        end as currency_code,
        case clinic_type
            when 'GEN' then 'general'
            when 'EMR' then 'emergency'
            when 'SPC' then 'specialty'
        end as clinic_type,
        opened_on as opened_date,
        exam_rooms as exam_room_count

    from source

)

select * from renamed
