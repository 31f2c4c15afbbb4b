with items as (
    select
        order_id,
        sum(quantity) as item_count,
        sum(quantity * unit_price) as gross_amount,
        sum(discount_amount) as discount_amount
    from {{ ref('stg_order_items') }}
    group by order_id
)

select
    o.order_id::bigint as order_id,
    o.customer_id::bigint as customer_id,
    o.order_date::date as order_date,
    o.status::text as status,
    o.channel::text as channel,
    c.country::text as country,
    r.region::text as region,
    i.item_count::integer as item_count,
    i.gross_amount::numeric(12, 2) as gross_amount,
    i.discount_amount::numeric(12, 2) as discount_amount,
    o.shipping_amount::numeric(12, 2) as shipping_amount,
    (i.gross_amount - i.discount_amount + o.shipping_amount)::numeric(12, 2) as net_amount
from {{ ref('stg_orders') }} as o
join items as i on i.order_id = o.order_id
join {{ ref('stg_customers') }} as c on c.customer_id = o.customer_id
join {{ ref('stg_regions') }} as r on r.country = c.country
