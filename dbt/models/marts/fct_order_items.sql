select
    i.order_item_id::bigint as order_item_id,
    i.order_id::bigint as order_id,
    i.product_id::bigint as product_id,
    o.order_date::date as order_date,
    i.quantity::integer as quantity,
    i.unit_price::numeric(10, 2) as unit_price,
    i.discount_amount::numeric(12, 2) as discount_amount,
    (i.quantity * i.unit_price - i.discount_amount)::numeric(12, 2) as line_amount,
    (i.quantity * p.unit_cost)::numeric(12, 2) as line_cost
from {{ ref('stg_order_items') }} as i
join {{ ref('stg_orders') }} as o on o.order_id = i.order_id
join {{ ref('stg_products') }} as p on p.product_id = i.product_id
