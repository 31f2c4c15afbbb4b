with source as (

    select * from {{ ref('raw_staff') }}

),

renamed as (

    select
        staff_id,
        clinic_id,
        trim(first_name) as first_name,
        trim(last_name) as last_name,
        lower(trim(email)) as email,
        case role_code
            when 'VET' then 'veterinarian'
            when 'RVN' then 'vet_nurse'
            when 'RCP' then 'receptionist'
            when 'PM' then 'practice_manager'
        end as role,
        specialty,
        case contract
            when 'FT' then 'full_time'
            when 'PT' then 'part_time'
        end as employment_type,
        hired_on as hired_date,
        left_on as left_date

    from source

)

select * from renamed
