-- One row per payment made on a claim (indemnity to the policyholder or a third party, repair and
-- contractor invoices, medical bills, expert fees).

select
    claim_payment_id::integer as claim_payment_id,
    claim_id::integer as claim_id,
    payment_date::date as payment_date,
    amount_eur::numeric(12,2) as amount_eur,
    payee_type::text as payee_type

from {{ ref('stg_claim_payments') }}
