with source as (

    select * from {{ ref('raw_vaccinations') }}

),

renamed as (

    select
        vaccination_id,
        appointment_id,
        pet_id,
        vaccine_code,
        given_on as given_date,
        valid_until as due_date,
        batch_no as batch_number

    from source

)

select * from renamed
