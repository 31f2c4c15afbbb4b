-- An appointment is with a vet of the clinic, employed on the day, at a clinic already open.
select a.appointment_id
from {{ ref('fct_appointments') }} as a
join {{ ref('dim_staff') }} as s
    on a.vet_id = s.staff_id
join {{ ref('dim_clinics') }} as c
    on a.clinic_id = c.clinic_id
where s.role <> 'veterinarian'
   or s.clinic_id <> a.clinic_id
   or a.scheduled_date < s.hired_date
   or (s.left_date is not null and a.scheduled_date > s.left_date)
   or a.scheduled_date < c.opened_date
