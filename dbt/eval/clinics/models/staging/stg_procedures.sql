with source as (

    select * from {{ ref('raw_procedures') }}

),

renamed as (

    select
        procedure_code,
        procedure_name,
        case category
            when 'CONSULT' then 'consultation'
            when 'VACCINE' then 'vaccine'
            when 'DIAG' then 'diagnostics'
            when 'MEDS' then 'medication'
            when 'PARASITE' then 'parasite_control'
            when 'SURGERY' then 'surgery'
            when 'DENTAL' then 'dental'
            when 'HOSP' then 'hospitalisation'
        end as procedure_category

    from source

)

select * from renamed
