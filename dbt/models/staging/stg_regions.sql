select
    country::text as country,
    country_code::text as country_code,
    region::text as region
from {{ ref('raw_regions') }}
