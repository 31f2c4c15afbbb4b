-- One row per pet registered with Harbor Vets, living or deceased. Age is as of the as_of_date var.

with pets as (

    select
        *,
        case
            when deceased_date is null
                then date_part('year', age({{ as_of_date() }}, birth_date))::integer
        end as age_years
    from {{ ref('stg_pets') }}

)

select
    pet_id::integer as pet_id,
    client_id::integer as client_id,
    pet_name::text as pet_name,
    species_code::text as species_code,
    breed::text as breed,
    sex::text as sex,
    is_neutered::boolean as is_neutered,
    birth_date::date as birth_date,
    age_years::integer as age_years,
    coalesce(species_code in ('CAN', 'FEL') and age_years >= 8, false)::boolean as is_senior,
    weight_kg::numeric(6,2) as weight_kg,
    registered_date::date as registered_date,
    deceased_date::date as deceased_date,
    (deceased_date is not null)::boolean as is_deceased

from pets
