-- Closed work orders have a closing date on or after the opening date and a cost; open ones have neither.
select work_order_id
from {{ ref('fct_work_orders') }}
where (work_order_status = 'closed' and (closed_date is null or closed_date < opened_date or total_cost_eur is null))
   or (work_order_status <> 'closed' and (closed_date is not null or total_cost_eur is not null))
