select
    customer_id::bigint as customer_id,
    (first_name || ' ' || last_name)::text as full_name,
    lower(email)::text as email,
    phone::text as phone,
    nullif(ssn, '')::text as ssn,
    country::text as country,
    city::text as city,
    segment::text as segment,
    signup_date::date as signup_date
from {{ ref('raw_customers') }}
