with source as (

    select * from {{ ref('raw_brokers') }}

),

renamed as (

    select
        broker_id,
        broker_code,
        trim(broker_name) as broker_name,
        case region_code
            when 'C' then 'Central'
            when 'N' then 'North'
            when 'S' then 'South'
            when 'E' then 'East'
            when 'W' then 'West'
        end as region,
        commission_pct as commission_rate_pct,
        contract_start as contract_start_date,
        contract_end as contract_end_date

    from source

)

select * from renamed
