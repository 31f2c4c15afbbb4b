-- is_active = a visit (completed appointment) in the 12 months up to the as-of date.
with recent as (
    select distinct client_id
    from {{ ref('fct_appointments') }}
    where status = 'completed'
      and scheduled_date > ({{ as_of_date() }} - interval '1 year')::date
      and scheduled_date <= {{ as_of_date() }}
)
select c.client_id
from {{ ref('dim_clients') }} as c
left join recent as r
    on c.client_id = r.client_id
where c.is_active <> (r.client_id is not null)
