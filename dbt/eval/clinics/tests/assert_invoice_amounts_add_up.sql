-- net = quantity x unit price - discount, gross = net + VAT, and GBP lines keep their amount.
select invoice_line_id
from {{ ref('fct_invoice_lines') }}
where net_amount <> quantity * unit_price - discount_amount
   or gross_amount <> net_amount + vat_amount
   or net_amount < 0
   or discount_amount < 0
   or (currency_code = 'GBP' and net_amount_gbp <> net_amount)
