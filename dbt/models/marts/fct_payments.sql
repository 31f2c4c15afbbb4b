select
    payment_id::bigint as payment_id,
    order_id::bigint as order_id,
    payment_date::date as payment_date,
    payment_method::text as payment_method,
    status::text as status,
    amount::numeric(12, 2) as amount,
    card_number::text as card_number,
    iban::text as iban
from {{ ref('stg_payments') }}
