select
    ticket_id::bigint as ticket_id,
    customer_id::bigint as customer_id,
    order_id::bigint as order_id,
    opened_date::date as opened_date,
    closed_date::date as closed_date,
    channel::text as channel,
    priority::text as priority,
    category::text as category,
    status::text as status,
    resolution_hours::numeric(8, 1) as resolution_hours,
    satisfaction_score::integer as satisfaction_score
from {{ ref('raw_support_tickets') }}
