-- One row per billed item (treatment, procedure, product) on the invoice of a completed
-- appointment. Amounts are in the clinic's currency; net_amount_gbp converts them to the group
-- reporting currency at the fixed plan rate (1 EUR = 0.85 GBP).

with lines as (

    select
        *,
        (quantity * unit_price - discount_amount)::numeric(10,2) as net_amount
    from {{ ref('stg_invoice_lines') }}

),

appointments as (

    select * from {{ ref('stg_appointments') }}

),

pets as (

    select * from {{ ref('stg_pets') }}

),

procedures as (

    select * from {{ ref('stg_procedures') }}

)

select
    lines.invoice_line_id::integer as invoice_line_id,
    lines.invoice_number::text as invoice_number,
    lines.appointment_id::integer as appointment_id,
    appointments.clinic_id::integer as clinic_id,
    pets.client_id::integer as client_id,
    appointments.scheduled_at::date as service_date,
    lines.procedure_code::text as procedure_code,
    procedures.procedure_name::text as procedure_name,
    procedures.procedure_category::text as procedure_category,
    lines.quantity::integer as quantity,
    lines.unit_price::numeric(10,2) as unit_price,
    lines.discount_amount::numeric(10,2) as discount_amount,
    lines.net_amount::numeric(10,2) as net_amount,
    lines.vat_rate::numeric(4,1) as vat_rate,
    round(lines.net_amount * lines.vat_rate / 100, 2)::numeric(10,2) as vat_amount,
    (lines.net_amount + round(lines.net_amount * lines.vat_rate / 100, 2))::numeric(10,2) as gross_amount,
    lines.currency_code::text as currency_code,
    round(lines.net_amount * case lines.currency_code when 'EUR' then 0.85 else 1 end, 2)::numeric(10,2)
        as net_amount_gbp,
    (lines.discount_amount > 0)::boolean as has_discount

from lines
left join appointments
    on lines.appointment_id = appointments.appointment_id
left join pets
    on appointments.pet_id = pets.pet_id
left join procedures
    on lines.procedure_code = procedures.procedure_code
