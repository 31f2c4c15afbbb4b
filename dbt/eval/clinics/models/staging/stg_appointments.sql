with source as (

    select * from {{ ref('raw_appointments') }}

),

renamed as (

    select
        appointment_id,
        pet_id,
        clinic_id,
        vet_staff_id as vet_id,
        case appt_type
            when 'CONS' then 'consultation'
            when 'VACC' then 'vaccination'
            when 'FUP' then 'follow_up'
            when 'DENT' then 'dental'
            when 'SURG' then 'surgery'
            when 'EMER' then 'emergency'
        end as appointment_type,
        case channel
            when 'WEB' then 'online'
            when 'PHN' then 'phone'
            when 'WLK' then 'walk_in'
        end as booking_channel,
        case status
            when 'CMP' then 'completed'
            when 'DNA' then 'no_show'
            when 'CXC' then 'cancelled_by_client'
            when 'CXP' then 'cancelled_by_clinic'
            when 'BKD' then 'booked'
        end as status,
        booked_at,
        scheduled_at,
        slot_minutes,
        checked_in_at,
        cancelled_at,
        duration_min as duration_minutes

    from source

)

select * from renamed
