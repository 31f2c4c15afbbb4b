with source as (

    select * from {{ ref('raw_plans') }}

),

renamed as (

    select
        case plan_code
            when 'ANN' then 'ANNUAL'
            when 'MON' then 'MONTHLY'
            when 'STU' then 'STUDENT'
        end as plan_code,
        plan_name,
        billing_interval,
        included_minutes

    from source

)

select * from renamed
