-- One row per Harbor Vets clinic, open or not yet open on the as-of date.

select
    clinic_id::integer as clinic_id,
    clinic_code::text as clinic_code,
    clinic_name::text as clinic_name,
    city::text as city,
    region::text as region,
    country_code::text as country_code,
    country::text as country,
    currency_code::text as currency_code,
    clinic_type::text as clinic_type,
    opened_date::date as opened_date,
    exam_room_count::integer as exam_room_count,
    (clinic_type = 'emergency')::boolean as is_open_24h

from {{ ref('stg_clinics') }}
