with source as (

    select * from {{ ref('raw_members') }}

),

renamed as (

    select
        member_id,
        member_no as member_number,
        trim(first_name) as first_name,
        trim(last_name) as last_name,
        lower(trim(email)) as email,
        phone,
        age_band,
        home_district,
        case plan_code
            when 'ANN' then 'ANNUAL'
            when 'MON' then 'MONTHLY'
            when 'STU' then 'STUDENT'
        end as plan_code,
        case status
            when 'A' then 'active'
            when 'S' then 'suspended'
            when 'C' then 'cancelled'
        end as membership_status,
        signup_date,
        cancel_date as cancellation_date,
        case cancel_reason
            when 'MOV' then 'moved_away'
            when 'PRC' then 'too_expensive'
            when 'USE' then 'not_using_enough'
            when 'CMP' then 'switched_provider'
            when 'OTH' then 'other'
            when 'NPY' then 'non_payment'
        end as cancellation_reason,
        coalesce(marketing_opt_in = 'Y', false) as has_marketing_consent

    from source

)

select * from renamed
