-- One row per appointment scheduled from 2024-01-01, whatever its status, including the ones
-- already booked for after the as-of date.

with appointments as (

    select * from {{ ref('stg_appointments') }}

),

pets as (

    select * from {{ ref('stg_pets') }}

),

first_visits as (

    -- the first completed appointment of each pet in the system
    select appointment_id
    from (
        select
            appointment_id,
            row_number() over (partition by pet_id order by scheduled_at, appointment_id) as visit_rank
        from appointments
        where status = 'completed'
    ) as ranked
    where visit_rank = 1

)

select
    appointments.appointment_id::integer as appointment_id,
    appointments.pet_id::integer as pet_id,
    pets.client_id::integer as client_id,
    appointments.clinic_id::integer as clinic_id,
    appointments.vet_id::integer as vet_id,
    appointments.appointment_type::text as appointment_type,
    appointments.booking_channel::text as booking_channel,
    appointments.status::text as status,
    appointments.booked_at::timestamp as booked_at,
    appointments.scheduled_at::timestamp as scheduled_at,
    appointments.checked_in_at::timestamp as checked_in_at,
    appointments.cancelled_at::timestamp as cancelled_at,
    appointments.booked_at::date as booked_date,
    appointments.scheduled_at::date as scheduled_date,
    (appointments.scheduled_at::date - appointments.booked_at::date)::integer as lead_time_days,
    appointments.slot_minutes::integer as slot_minutes,
    appointments.duration_minutes::integer as duration_minutes,
    coalesce(appointments.cancelled_at > appointments.scheduled_at - interval '24 hours', false)::boolean
        as is_late_cancellation,
    (first_visits.appointment_id is not null)::boolean as is_first_visit

from appointments
left join pets
    on appointments.pet_id = pets.pet_id
left join first_visits
    on appointments.appointment_id = first_visits.appointment_id
