-- One row per client (pet owner) registered with a clinic, with their visit history summary
-- as of the as_of_date var.

with clients as (

    select * from {{ ref('stg_clients') }}

),

clinics as (

    select * from {{ ref('stg_clinics') }}

),

visits as (

    -- completed appointments only: a visit is an appointment where the pet was seen
    select
        pets.client_id,
        min(appointments.scheduled_at::date) as first_visit_date,
        max(appointments.scheduled_at::date) as last_visit_date
    from {{ ref('stg_appointments') }} as appointments
    join {{ ref('stg_pets') }} as pets
        on appointments.pet_id = pets.pet_id
    where appointments.status = 'completed'
    group by pets.client_id

)

select
    clients.client_id::integer as client_id,
    clients.first_name::text as first_name,
    clients.last_name::text as last_name,
    (clients.first_name || ' ' || clients.last_name)::text as full_name,
    clients.email::text as email,
    clients.phone::text as phone,
    clients.home_clinic_id::integer as home_clinic_id,
    clinics.clinic_name::text as home_clinic_name,
    clients.signup_date::date as signup_date,
    clients.loyalty_tier::text as loyalty_tier,
    clients.has_marketing_consent::boolean as has_marketing_consent,
    visits.first_visit_date::date as first_visit_date,
    visits.last_visit_date::date as last_visit_date,
    coalesce(visits.last_visit_date > ({{ as_of_date() }} - interval '1 year')::date, false)::boolean as is_active

from clients
left join clinics
    on clients.home_clinic_id = clinics.clinic_id
left join visits
    on clients.client_id = visits.client_id
