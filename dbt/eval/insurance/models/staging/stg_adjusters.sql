with source as (

    select * from {{ ref('raw_adjusters') }}

),

renamed as (

    select
        handler_id as adjuster_id,
        staff_no as employee_number,
        trim(handler_name) as adjuster_name,
        case team_code
            when 'MOT' then 'motor_claims'
            when 'PRP' then 'property_claims'
            when 'TRV' then 'travel_claims'
            when 'LLU' then 'large_loss'
        end as team,
        case grade
            when 'J' then 'junior'
            when 'S' then 'senior'
            when 'L' then 'lead'
        end as seniority,
        hired_on as hired_date,
        left_on as left_date

    from source

)

select * from renamed
