select
    order_item_id::bigint as order_item_id,
    order_id::bigint as order_id,
    product_id::bigint as product_id,
    quantity::integer as quantity,
    unit_price::numeric(10, 2) as unit_price,
    discount_amount::numeric(12, 2) as discount_amount
from {{ ref('raw_order_items') }}
