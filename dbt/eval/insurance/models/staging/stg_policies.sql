with source as (

    select * from {{ ref('raw_policies') }}

),

renamed as (

    select
        policy_id,
        policy_no as policy_number,
        cust_id as customer_id,
        broker_id,
        case channel_code
            when 'D' then 'direct'
            when 'B' then 'broker'
        end as channel,
        case product_code
            when 'M' then 'MOTOR'
            when 'H' then 'HOME'
            when 'T' then 'TRAVEL'
        end as product_line,
        case cover_code
            when 'B' then 'ESSENTIAL'
            when 'S' then 'PLUS'
            when 'P' then 'COMPREHENSIVE'
        end as cover_level,
        case pay_freq
            when 'A' then 'annual'
            when 'Q' then 'quarterly'
            when 'M' then 'monthly'
        end as payment_frequency,
        inception_date as start_date,
        expiry_date as end_date,
        cancel_date as cancellation_date,
        case cancel_code
            when 'CR' then 'customer_request'
            when 'SV' then 'sold_vehicle'
            when 'MH' then 'moved_home'
            when 'SW' then 'switched_insurer'
            when 'NP' then 'non_payment'
        end as cancellation_reason,
        gross_premium_eur as annual_premium_eur,
        renewal_of as renewed_from_policy_id

    from source

)

select * from renamed
