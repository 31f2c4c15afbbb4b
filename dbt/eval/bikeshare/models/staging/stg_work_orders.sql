with source as (

    select * from {{ ref('raw_work_orders') }}

),

renamed as (

    select
        wo_id as work_order_id,
        wo_number as work_order_number,
        bike_id,
        opened_on as opened_date,
        closed_on as closed_date,
        case issue_code
            when 'TYRE' then 'TYRE'
            when 'BRAKE' then 'BRAKES'
            when 'CHAIN' then 'DRIVETRAIN'
            when 'LIGHT' then 'LIGHTS'
            when 'VAND' then 'VANDALISM'
            when 'FRAME' then 'FRAME'
            when 'BATT' then 'BATTERY'
            when 'MOTOR' then 'MOTOR'
            when 'SERV' then 'SERVICE'
        end as issue_type,
        case channel
            when 'APP' then 'rider_app'
            when 'PATROL' then 'street_patrol'
            when 'DEPOT' then 'workshop'
        end as reported_via,
        case status_code
            when 'O' then 'open'
            when 'W' then 'waiting_for_parts'
            when 'C' then 'closed'
        end as work_order_status,
        coalesce(preventive = 'Y', false) as is_preventive,
        labour_cost_eur,
        parts_cost_eur

    from source

)

select * from renamed
