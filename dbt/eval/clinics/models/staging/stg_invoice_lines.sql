with source as (

    select * from {{ ref('raw_invoice_lines') }}

),

renamed as (

    select
        line_id as invoice_line_id,
        invoice_no as invoice_number,
        appointment_id,
        procedure_code,
        quantity,
        unit_price,
        discount_amount,
        vat_rate,
        currency as currency_code

    from source

)

select * from renamed
