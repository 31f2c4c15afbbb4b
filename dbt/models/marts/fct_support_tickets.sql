select
    t.ticket_id::bigint as ticket_id,
    t.customer_id::bigint as customer_id,
    t.order_id::bigint as order_id,
    t.opened_at::date as opened_date,
    t.closed_at::date as closed_date,
    r.region::text as region,
    t.channel::text as channel,
    t.priority::text as priority,
    t.category::text as category,
    t.status::text as status,
    -- hours from opening to solving; null while the ticket is not solved (no closed_at)
    round(extract(epoch from (t.closed_at - t.opened_at)) / 3600, 1)::numeric(8, 1) as resolution_hours,
    t.satisfaction_score::integer as satisfaction_score
from {{ ref('stg_support_tickets') }} as t
join {{ ref('stg_customers') }} as c on c.customer_id = t.customer_id
join {{ ref('stg_regions') }} as r on r.country = c.country
