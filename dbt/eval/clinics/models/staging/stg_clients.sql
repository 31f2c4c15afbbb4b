with source as (

    select * from {{ ref('raw_clients') }}

),

renamed as (

    select
        client_id,
        home_clinic_id,
        trim(first_name) as first_name,
        trim(last_name) as last_name,
        lower(trim(email)) as email,
        phone,
        signup_date,
        case loyalty_tier
            when 'STD' then 'standard'
            when 'SLV' then 'silver'
            when 'GLD' then 'gold'
            when 'PLT' then 'platinum'
        end as loyalty_tier,
        coalesce(marketing_opt_in = 'Y', false) as has_marketing_consent

    from source

)

select * from renamed
