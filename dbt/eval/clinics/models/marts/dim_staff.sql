-- One row per person employed at a clinic at any time since 2024-01-01 (vets, nurses,
-- receptionists, practice managers), current staff and leavers alike.

with staff as (

    select * from {{ ref('stg_staff') }}

),

clinics as (

    select * from {{ ref('stg_clinics') }}

)

select
    staff.staff_id::integer as staff_id,
    staff.first_name::text as first_name,
    staff.last_name::text as last_name,
    (staff.first_name || ' ' || staff.last_name)::text as full_name,
    staff.email::text as email,
    staff.clinic_id::integer as clinic_id,
    clinics.clinic_name::text as clinic_name,
    staff.role::text as role,
    staff.specialty::text as specialty,
    staff.employment_type::text as employment_type,
    staff.hired_date::date as hired_date,
    staff.left_date::date as left_date,
    (staff.hired_date <= {{ as_of_date() }}
        and (staff.left_date is null or staff.left_date >= {{ as_of_date() }}))::boolean as is_active

from staff
left join clinics
    on staff.clinic_id = clinics.clinic_id
