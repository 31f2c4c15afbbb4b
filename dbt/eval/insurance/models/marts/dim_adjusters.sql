-- One row per claims handler (adjuster), current and former staff.

select
    adjuster_id::integer as adjuster_id,
    employee_number::text as employee_number,
    adjuster_name::text as adjuster_name,
    team::text as team,
    seniority::text as seniority,
    hired_date::date as hired_date,
    left_date::date as left_date,
    (left_date is null or left_date >= {{ as_of_date() }})::boolean as is_active

from {{ ref('stg_adjusters') }}
