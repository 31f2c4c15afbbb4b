with source as (

    select * from {{ ref('raw_customers') }}

),

renamed as (

    select
        cust_id as customer_id,
        cust_no as customer_number,
        trim(first_name) as first_name,
        trim(last_name) as last_name,
        lower(trim(email)) as email,
        phone,
        birth_date as date_of_birth,
        case region_code
            when 'C' then 'Central'
            when 'N' then 'North'
            when 'S' then 'South'
            when 'E' then 'East'
            when 'W' then 'West'
        end as region,
        city,
        coalesce(marketing_opt_in = 'Y', false) as has_marketing_consent

    from source

)

select * from renamed
