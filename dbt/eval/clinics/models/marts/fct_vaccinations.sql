-- One row per vaccine dose given at a completed vaccination appointment, with the date the next
-- booster is due. Overdue status is as of the as_of_date var.

with vaccinations as (

    select
        *,
        row_number() over (
            partition by pet_id, vaccine_code
            order by given_date desc, vaccination_id desc
        ) = 1 as is_latest_dose
    from {{ ref('stg_vaccinations') }}

),

appointments as (

    select * from {{ ref('stg_appointments') }}

),

pets as (

    select * from {{ ref('stg_pets') }}

)

select
    vaccinations.vaccination_id::integer as vaccination_id,
    vaccinations.appointment_id::integer as appointment_id,
    vaccinations.pet_id::integer as pet_id,
    pets.client_id::integer as client_id,
    appointments.clinic_id::integer as clinic_id,
    appointments.vet_id::integer as vet_id,
    vaccinations.vaccine_code::text as vaccine_code,
    vaccinations.batch_number::text as batch_number,
    vaccinations.given_date::date as given_date,
    vaccinations.due_date::date as due_date,
    vaccinations.is_latest_dose::boolean as is_latest_dose,
    (vaccinations.is_latest_dose
        and pets.deceased_date is null
        and vaccinations.due_date < {{ as_of_date() }})::boolean as is_overdue

from vaccinations
left join appointments
    on vaccinations.appointment_id = appointments.appointment_id
left join pets
    on vaccinations.pet_id = pets.pet_id
