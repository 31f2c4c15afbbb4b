-- Closed and rejected claims have a closed_date and no reserve; open and reopened claims have no
-- closed_date; rejected claims paid nothing; reopened claims have a reopened_date.
select claim_id
from {{ ref('fct_claims') }}
where (claim_status in ('closed', 'rejected')) <> (closed_date is not null)
   or (claim_status in ('closed', 'rejected') and reserve_eur <> 0)
   or (claim_status = 'rejected' and paid_eur <> 0)
   or (claim_status = 'reopened' and reopened_date is null)
   or incurred_eur <> paid_eur + reserve_eur
