-- Vaccines are given at completed vaccination appointments of the same pet, and invoiced there.
select v.vaccination_id
from {{ ref('fct_vaccinations') }} as v
join {{ ref('fct_appointments') }} as a
    on v.appointment_id = a.appointment_id
where a.status <> 'completed'
   or a.appointment_type <> 'vaccination'
   or a.pet_id <> v.pet_id
   or a.scheduled_date <> v.given_date
   or v.due_date <= v.given_date
   or not exists (
        select 1
        from {{ ref('fct_invoice_lines') }} as l
        where l.appointment_id = v.appointment_id
          and l.procedure_code = 'VAC-' || v.vaccine_code
   )
