select
    order_id::bigint as order_id,
    customer_id::bigint as customer_id,
    order_date::date as order_date,
    status::text as status,
    channel::text as channel,
    shipping_amount::numeric(12, 2) as shipping_amount
from {{ ref('raw_orders') }}
