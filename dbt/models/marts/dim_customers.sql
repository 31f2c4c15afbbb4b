with orders as (
    select
        customer_id,
        min(order_date) as first_order_date,
        max(order_date) as last_order_date,
        count(*) filter (where status <> 'cancelled') as lifetime_orders,
        sum(net_amount) filter (where status in ('shipped', 'completed')) as lifetime_value
    from {{ ref('fct_orders') }}
    group by customer_id
)

select
    c.customer_id::bigint as customer_id,
    c.full_name::text as full_name,
    c.email::text as email,
    c.phone::text as phone,
    c.ssn::text as ssn,
    c.country::text as country,
    r.region::text as region,
    c.city::text as city,
    c.segment::text as segment,
    c.signup_date::date as signup_date,
    o.first_order_date::date as first_order_date,
    o.last_order_date::date as last_order_date,
    coalesce(o.lifetime_orders, 0)::integer as lifetime_orders,
    coalesce(o.lifetime_value, 0)::numeric(12, 2) as lifetime_value
from {{ ref('stg_customers') }} as c
join {{ ref('stg_regions') }} as r on r.country = c.country
left join orders as o on o.customer_id = c.customer_id
