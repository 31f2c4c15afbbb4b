with source as (

    select * from {{ ref('raw_pets') }}

),

renamed as (

    select
        pet_id,
        client_id,
        pet_name,
        species_code,
        breed,
        case sex
            when 'M' then 'male'
            when 'F' then 'female'
        end as sex,
        coalesce(neutered = 'Y', false) as is_neutered,
        birth_date,
        registered_on as registered_date,
        deceased_on as deceased_date,
        weight_kg

    from source

)

select * from renamed
