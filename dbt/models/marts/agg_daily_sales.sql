select
    order_date::date as sales_date,
    region::text as region,
    channel::text as channel,
    count(*)::integer as orders,
    sum(item_count)::integer as units,
    sum(net_amount)::numeric(14, 2) as net_revenue
from {{ ref('fct_orders') }}
where status <> 'cancelled'
group by 1, 2, 3
