-- Only visits are invoiced: every invoice line belongs to a completed appointment, and every
-- completed appointment has exactly one invoice.
select l.appointment_id
from {{ ref('fct_invoice_lines') }} as l
join {{ ref('fct_appointments') }} as a
    on l.appointment_id = a.appointment_id
where a.status <> 'completed'
union all
select a.appointment_id
from {{ ref('fct_appointments') }} as a
left join {{ ref('fct_invoice_lines') }} as l
    on l.appointment_id = a.appointment_id
where a.status = 'completed'
group by a.appointment_id
having count(distinct l.invoice_number) <> 1
