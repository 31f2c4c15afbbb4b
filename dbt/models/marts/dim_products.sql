select
    product_id::bigint as product_id,
    product_name::text as product_name,
    category::text as category,
    subcategory::text as subcategory,
    brand::text as brand,
    unit_price::numeric(10, 2) as unit_price,
    unit_cost::numeric(10, 2) as unit_cost,
    is_active::boolean as is_active
from {{ ref('stg_products') }}
