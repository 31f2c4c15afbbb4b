-- One row per maintenance work order (repair job or routine service) on a bike.

select
    work_order_id::integer as work_order_id,
    work_order_number::text as work_order_number,
    bike_id::integer as bike_id,
    opened_date::date as opened_date,
    closed_date::date as closed_date,
    issue_type::text as issue_type,
    reported_via::text as reported_via,
    work_order_status::text as work_order_status,
    is_preventive::boolean as is_preventive,
    labour_cost_eur::numeric(8,2) as labour_cost_eur,
    parts_cost_eur::numeric(8,2) as parts_cost_eur,
    (labour_cost_eur + parts_cost_eur)::numeric(8,2) as total_cost_eur,
    (closed_date - opened_date)::integer as repair_days,
    (work_order_status <> 'closed')::boolean as is_open

from {{ ref('stg_work_orders') }}
