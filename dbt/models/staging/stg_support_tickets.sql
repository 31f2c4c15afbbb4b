select
    ticket_id::bigint as ticket_id,
    customer_id::bigint as customer_id,
    order_id::bigint as order_id,
    opened_at::timestamp as opened_at,
    closed_at::timestamp as closed_at,
    channel::text as channel,
    priority::text as priority,
    category::text as category,
    status::text as status,
    satisfaction_score::integer as satisfaction_score
from {{ ref('raw_support_tickets') }}
