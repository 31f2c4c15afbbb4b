-- Analytical queries over the demo warehouse the firewall must allow, one per entry,
-- each ending at a line '-- ----'. The eval suite's gold SQL, the quickstart's training
-- pairs, and queries using windows, CTEs, set operations, LATERAL, FILTER, grouping sets.
select count(*) from marts.fct_orders where order_date >= '2026-10-01' and order_date < '2026-11-01'
-- ----
select count(*) from marts.fct_orders where order_date >= '2026-11-01' and order_date < '2026-12-01'
-- ----
select count(*) from marts.fct_orders where order_date = '2026-11-22'
-- ----
select count(*) from marts.fct_orders where order_date = '2026-11-23'
-- ----
select count(*) from marts.fct_orders where order_date >= '2026-11-16' and order_date < '2026-11-23'
-- ----
select count(*) from marts.fct_orders where order_date >= '2024-01-01' and order_date < '2025-01-01'
-- ----
select count(*) from marts.fct_orders where order_date >= '2025-03-01' and order_date < '2025-04-01'
-- ----
select count(*) from marts.fct_orders where order_date >= '2026-10-24' and order_date < '2026-11-23'
-- ----
select count(*) from marts.fct_orders where order_date >= '2026-06-01' and order_date < '2026-11-24'
-- ----
select count(*) from marts.fct_orders where order_date >= '2025-01-01' and order_date < '2025-04-01'
-- ----
select count(*) from marts.fct_orders where order_date >= '2025-04-01' and order_date < '2025-07-01'
-- ----
select count(*) from marts.fct_orders where order_date >= '2026-07-01' and order_date < '2026-10-01'
-- ----
select count(*) from marts.fct_orders where order_date >= '2026-01-01' and order_date < '2027-01-01'
-- ----
select count(*) from marts.fct_orders where status = 'cancelled' and order_date >= '2025-01-01' and order_date < '2026-01-01'
-- ----
select count(*) from marts.fct_orders where status = 'shipped' and order_date >= '2026-10-01' and order_date < '2026-11-01'
-- ----
select count(*) from marts.fct_orders where status = 'returned'
-- ----
select status, count(*) from marts.fct_orders group by status
-- ----
select channel, count(*) from marts.fct_orders where order_date >= '2025-01-01' and order_date < '2026-01-01' group by channel
-- ----
select count(*) from marts.fct_orders where channel = 'marketplace' and order_date >= '2025-01-01' and order_date < '2026-01-01'
-- ----
select region, count(*) from marts.fct_orders where order_date >= '2026-01-01' and order_date < '2027-01-01' group by region
-- ----
select count(*) from marts.fct_orders where channel = 'mobile_app' and region = 'EMEA' and order_date >= '2025-01-01' and order_date < '2026-01-01'
-- ----
select count(*) from marts.fct_orders where net_amount > 500 and order_date >= '2025-01-01' and order_date < '2026-01-01'
-- ----
select count(*) from marts.fct_orders where net_amount < 50
-- ----
select count(*) from marts.fct_orders where net_amount >= 500 and order_date >= '2024-01-01' and order_date < '2025-01-01'
-- ----
select region, count(*) filter (where status in ('shipped','completed')) from marts.fct_orders where order_date >= '2025-01-01' and order_date < '2026-01-01' group by region
-- ----
select sum(net_amount) from marts.fct_orders where status in ('shipped','completed') and order_date >= '2026-01-01' and order_date < '2027-01-01'
-- ----
select sum(net_amount) from marts.fct_orders where status in ('shipped','completed') and order_date >= '2026-10-01' and order_date < '2026-11-01'
-- ----
select sum(net_amount) from marts.fct_orders where status in ('shipped','completed') and order_date >= '2024-01-01' and order_date < '2025-01-01'
-- ----
select region, sum(net_amount) from marts.fct_orders where status in ('shipped','completed') and order_date >= '2025-01-01' and order_date < '2026-01-01' group by region
-- ----
select region, sum(net_amount) from marts.fct_orders where status in ('shipped','completed') and order_date >= '2026-01-01' and order_date < '2027-01-01' group by region
-- ----
select channel, sum(net_amount) from marts.fct_orders where status in ('shipped','completed') and order_date >= '2026-01-01' and order_date < '2026-04-01' group by channel
-- ----
select sum(net_amount) from marts.fct_orders where status in ('shipped','completed') and region = 'EMEA' and order_date >= '2026-07-01' and order_date < '2026-10-01'
-- ----
select sum(net_amount) from marts.fct_orders where status in ('shipped','completed') and region = 'APAC' and order_date >= '2025-01-01' and order_date < '2026-01-01'
-- ----
select date_trunc('month', order_date)::date, sum(net_amount) from marts.fct_orders where status in ('shipped','completed') and order_date >= '2025-01-01' and order_date < '2026-01-01' group by 1
-- ----
select date_trunc('month', order_date)::date, sum(net_amount) from marts.fct_orders where status in ('shipped','completed') and order_date >= '2026-01-01' and order_date < '2027-01-01' group by 1
-- ----
select date_trunc('quarter', order_date)::date, sum(net_amount) from marts.fct_orders where status in ('shipped','completed') and order_date >= '2024-01-01' and order_date < '2025-01-01' group by 1
-- ----
select date_trunc('week', order_date)::date, count(*) from marts.fct_orders where order_date >= '2026-10-01' and order_date < '2026-11-01' group by 1
-- ----
select date_trunc('year', order_date)::date, sum(net_amount) from marts.fct_orders where status in ('shipped','completed') group by 1
-- ----
select region, sum(net_amount) r from marts.fct_orders where status in ('shipped','completed') and order_date >= '2025-01-01' and order_date < '2026-01-01' group by region order by r desc limit 1
-- ----
select country, sum(net_amount) from marts.fct_orders where status in ('shipped','completed') and order_date >= '2025-01-01' and order_date < '2026-01-01' group by country having sum(net_amount) > 100000
-- ----
select country, sum(net_amount) r from marts.fct_orders where status in ('shipped','completed') group by country order by r desc limit 5
-- ----
select sum(gross_amount) from marts.fct_orders where status <> 'cancelled' and order_date >= '2025-01-01' and order_date < '2026-01-01'
-- ----
select sum(gross_amount) from marts.fct_orders where status <> 'cancelled' and order_date >= '2026-01-01' and order_date < '2027-01-01'
-- ----
select channel, sum(net_amount) filter (where status in ('shipped','completed'))::numeric / nullif(count(*) filter (where status in ('shipped','completed')),0) from marts.fct_orders group by channel
-- ----
select sum(net_amount) filter (where status in ('shipped','completed'))::numeric / nullif(count(*) filter (where status in ('shipped','completed')),0) from marts.fct_orders where order_date >= '2025-01-01' and order_date < '2026-01-01'
-- ----
select sum(discount_amount) from marts.fct_orders where order_date >= '2025-01-01' and order_date < '2026-01-01'
-- ----
select avg(net_amount) from marts.fct_orders where order_date >= '2025-01-01' and order_date < '2026-01-01'
-- ----
select avg(shipping_amount) from marts.fct_orders
-- ----
select sum(net_amount) from marts.fct_orders where status in ('shipped','completed') and country = 'Germany' and order_date >= '2025-01-01' and order_date < '2026-01-01'
-- ----
select count(*) from marts.fct_orders where country = 'Japan' and order_date >= '2026-01-01' and order_date < '2027-01-01'
-- ----
select sum(o.net_amount) from marts.fct_orders o join marts.dim_customers c on o.customer_id = c.customer_id where o.status in ('shipped','completed') and c.segment = 'enterprise' and o.order_date >= '2025-01-01' and o.order_date < '2026-01-01'
-- ----
select c.segment, sum(o.net_amount) filter (where o.status in ('shipped','completed')) from marts.fct_orders o join marts.dim_customers c on o.customer_id = c.customer_id group by c.segment
-- ----
select c.customer_id, c.full_name, sum(o.net_amount) filter (where o.status in ('shipped','completed')) r from marts.fct_orders o join marts.dim_customers c on o.customer_id = c.customer_id group by 1,2 order by r desc nulls last limit 5
-- ----
select p.product_id, p.product_name, sum(oi.quantity) u from marts.fct_order_items oi join marts.dim_products p on p.product_id = oi.product_id group by 1,2 order by u desc limit 10
-- ----
select sum(quantity) from marts.fct_order_items where order_date >= '2025-01-01' and order_date < '2026-01-01'
-- ----
select p.category, sum(oi.quantity) from marts.fct_order_items oi join marts.dim_products p on p.product_id = oi.product_id group by p.category
-- ----
select sum(oi.line_amount) from marts.fct_order_items oi join marts.dim_products p on p.product_id = oi.product_id where p.category = 'electronics' and oi.order_date >= '2025-01-01' and oi.order_date < '2026-01-01'
-- ----
select p.category, (sum(oi.line_amount) - sum(oi.line_cost))::numeric / nullif(sum(oi.line_amount),0) from marts.fct_order_items oi join marts.dim_products p on p.product_id = oi.product_id group by p.category
-- ----
select (sum(line_amount) - sum(line_cost))::numeric / nullif(sum(line_amount),0) from marts.fct_order_items where order_date >= '2025-01-01' and order_date < '2026-01-01'
-- ----
select sum(line_cost) from marts.fct_order_items where order_date >= '2025-01-01' and order_date < '2026-01-01'
-- ----
select category, count(distinct product_id) from marts.dim_products group by category
-- ----
select category, avg(unit_price) from marts.dim_products group by category
-- ----
select count(distinct customer_id) from marts.dim_customers
-- ----
select segment, count(distinct customer_id) from marts.dim_customers group by segment
-- ----
select count(distinct customer_id) from marts.dim_customers where signup_date >= '2026-01-01' and signup_date < '2027-01-01'
-- ----
select region, count(distinct customer_id) from marts.dim_customers group by region
-- ----
select count(distinct customer_id) from marts.dim_customers where region = 'LATAM'
-- ----
select count(distinct customer_id) from marts.dim_customers where last_order_date < date '2026-11-23' - interval '180 days'
-- ----
select region, count(distinct customer_id) from marts.dim_customers where lifetime_orders > 1 group by region
-- ----
select segment, avg(lifetime_value) from marts.dim_customers group by segment
-- ----
select count(distinct customer_id) from marts.fct_orders where order_date >= '2025-01-01' and order_date < '2026-01-01'
-- ----
select payment_method, count(*) filter (where status='failed')::numeric / nullif(count(*),0) from marts.fct_payments group by payment_method
-- ----
select count(*) from marts.fct_payments where status = 'failed' and payment_date >= '2026-10-01' and payment_date < '2026-11-01'
-- ----
select sum(amount) from marts.fct_payments where payment_method = 'paypal' and payment_date >= '2025-01-01' and payment_date < '2026-01-01'
-- ----
select payment_method, count(*) from marts.fct_payments where payment_date >= '2026-01-01' and payment_date < '2027-01-01' group by payment_method
-- ----
select count(*) from marts.fct_payments where status = 'refunded' and payment_date >= '2025-01-01' and payment_date < '2026-01-01'
-- ----
select priority, count(*) from marts.fct_support_tickets where status in ('open','pending') group by priority
-- ----
select count(*) from marts.fct_support_tickets where status in ('open','pending')
-- ----
select count(*) from marts.fct_support_tickets where opened_date >= '2026-10-01' and opened_date < '2026-11-01'
-- ----
select category, count(*) from marts.fct_support_tickets where opened_date >= '2025-01-01' and opened_date < '2026-01-01' group by category
-- ----
select count(*) from marts.fct_support_tickets where priority = 'urgent' and opened_date >= '2026-01-01' and opened_date < '2027-01-01'
-- ----
select channel, avg(resolution_hours) from marts.fct_support_tickets where opened_date >= '2026-10-01' and opened_date < '2026-11-01' group by channel
-- ----
select channel, avg(satisfaction_score) from marts.fct_support_tickets where opened_date >= '2025-01-01' and opened_date < '2026-01-01' group by channel
-- ----
select avg(satisfaction_score) from marts.fct_support_tickets where opened_date >= '2026-07-01' and opened_date < '2026-10-01'
-- ----
select count(*) from marts.fct_support_tickets where category = 'shipping' and region = 'EMEA' and opened_date >= '2025-01-01' and opened_date < '2026-01-01'
-- ----
select order_date, sum(net_amount) filter (where status in ('shipped','completed')) from marts.fct_orders where order_date >= '2026-11-16' and order_date < '2026-11-23' group by 1
-- ----
SELECT count(*) AS orders
FROM marts.fct_orders
WHERE order_date >= date_trunc('month', current_date) - interval '1 month'
  AND order_date < date_trunc('month', current_date)
-- ----
SELECT region, sum(net_amount) AS revenue
FROM marts.fct_orders
WHERE status IN ('shipped', 'completed')
  AND order_date >= date_trunc('year', current_date)
GROUP BY region
ORDER BY revenue DESC
-- ----
SELECT p.product_name, sum(oi.quantity) AS units_sold
FROM marts.fct_order_items oi
JOIN marts.dim_products p ON p.product_id = oi.product_id
GROUP BY p.product_name
ORDER BY units_sold DESC
LIMIT 10
-- ----
SELECT channel, sum(net_amount) / nullif(count(*), 0) AS average_order_value
FROM marts.fct_orders
WHERE status IN ('shipped', 'completed')
GROUP BY channel
ORDER BY average_order_value DESC
-- ----
SELECT date_trunc('month', order_date)::date AS month, sum(net_amount) AS revenue
FROM marts.fct_orders
WHERE status IN ('shipped', 'completed')
  AND order_date >= DATE '2025-01-01' AND order_date < DATE '2026-01-01'
GROUP BY 1
ORDER BY 1
-- ----
SELECT segment, count(*) AS customers
FROM marts.dim_customers
GROUP BY segment
ORDER BY customers DESC
-- ----
SELECT p.category,
       (sum(oi.line_amount) - sum(oi.line_cost)) / nullif(sum(oi.line_amount), 0) AS gross_margin
FROM marts.fct_order_items oi
JOIN marts.dim_products p ON p.product_id = oi.product_id
GROUP BY p.category
ORDER BY gross_margin DESC
-- ----
SELECT payment_method,
       avg(CASE WHEN status = 'failed' THEN 1.0 ELSE 0.0 END) AS payment_failure_rate
FROM marts.fct_payments
GROUP BY payment_method
ORDER BY payment_failure_rate DESC
-- ----
SELECT priority, count(*) AS open_tickets
FROM marts.fct_support_tickets
WHERE status IN ('open', 'pending')
GROUP BY priority
ORDER BY open_tickets DESC
-- ----
SELECT channel, round(avg(satisfaction_score), 2) AS csat
FROM marts.fct_support_tickets
WHERE satisfaction_score IS NOT NULL
  AND opened_date >= date_trunc('quarter', current_date) - interval '3 months'
  AND opened_date < date_trunc('quarter', current_date)
GROUP BY channel
ORDER BY csat DESC
-- ----
SELECT customer_id, full_name, lifetime_value
FROM marts.dim_customers
ORDER BY lifetime_value DESC NULLS LAST
LIMIT 5
-- ----
SELECT avg(CASE WHEN lifetime_orders > 1 THEN 1.0 ELSE 0.0 END) AS repeat_customer_share
FROM marts.dim_customers
WHERE lifetime_orders > 0
-- ----
SELECT sales_date, sum(net_revenue) AS revenue
FROM marts.agg_daily_sales
WHERE sales_date >= current_date - 30
GROUP BY sales_date
ORDER BY sales_date
-- ----
SELECT order_id, net_amount, sum(net_amount) OVER (ORDER BY order_date ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS rolling FROM marts.fct_orders
-- ----
SELECT region, order_id, rank() OVER (PARTITION BY region ORDER BY net_amount DESC) AS r FROM marts.fct_orders
-- ----
SELECT DISTINCT ON (customer_id) customer_id, order_date FROM marts.fct_orders ORDER BY customer_id, order_date DESC
-- ----
SELECT region, channel, count(*) FROM marts.fct_orders GROUP BY GROUPING SETS ((region), (channel), ())
-- ----
SELECT region, channel, sum(net_amount) FROM marts.fct_orders GROUP BY ROLLUP (region, channel)
-- ----
SELECT region, channel, sum(net_amount) FROM marts.fct_orders GROUP BY CUBE (region, channel)
-- ----
SELECT m::date AS m, (SELECT count(*) FROM marts.fct_orders o WHERE date_trunc('month', o.order_date) = m) AS orders FROM generate_series(DATE '2025-01-01', DATE '2025-12-01', interval '1 month') AS m
-- ----
WITH recent AS (SELECT * FROM marts.fct_orders WHERE order_date >= DATE '2026-01-01'), big AS (SELECT * FROM recent WHERE net_amount > 500) SELECT count(*) FROM big
-- ----
SELECT c.full_name, x.total FROM marts.dim_customers c, LATERAL (SELECT sum(net_amount) AS total FROM marts.fct_orders o WHERE o.customer_id = c.customer_id) x
-- ----
SELECT region FROM marts.fct_orders UNION SELECT region FROM marts.dim_customers
-- ----
SELECT customer_id FROM marts.fct_orders INTERSECT SELECT customer_id FROM marts.fct_support_tickets
-- ----
SELECT customer_id FROM marts.dim_customers EXCEPT SELECT customer_id FROM marts.fct_orders
-- ----
SELECT upper(status), lower(channel), length(country), substring(region from 1 for 2), concat(region, '-', channel) FROM marts.fct_orders
-- ----
SELECT extract(year FROM order_date) AS y, extract(dow FROM order_date) AS dow, count(*) FROM marts.fct_orders GROUP BY 1, 2
-- ----
SELECT order_id::text, net_amount::numeric(10,1), cast(order_date AS timestamp) FROM marts.fct_orders LIMIT 10 OFFSET 20
-- ----
-- orders by status
SELECT status, count(*) /* all of them */ FROM marts.fct_orders GROUP BY status
-- ----
SELECT coalesce(closed_date, DATE '2026-11-23') - opened_date AS age_days FROM marts.fct_support_tickets
-- ----
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY net_amount) FROM marts.fct_orders
-- ----
SELECT channel, count(*) FILTER (WHERE status = 'cancelled')::numeric / nullif(count(*), 0) AS cancel_rate FROM marts.fct_orders GROUP BY channel
-- ----
SELECT order_id FROM marts.fct_orders WHERE order_id IN (SELECT order_id FROM marts.fct_payments WHERE status = 'failed') AND EXISTS (SELECT 1 FROM marts.fct_order_items i WHERE i.order_id = marts.fct_orders.order_id)
-- ----
SELECT CASE WHEN net_amount >= 500 THEN 'large' WHEN net_amount >= 100 THEN 'medium' ELSE 'small' END AS size, count(*) FROM marts.fct_orders GROUP BY 1
-- ----
SELECT p.category, sum(i.line_amount) AS revenue, sum(i.line_amount) / sum(sum(i.line_amount)) OVER () AS share FROM marts.fct_order_items i JOIN marts.dim_products p ON p.product_id = i.product_id GROUP BY p.category
-- ----
SELECT "region", count(*) AS "Orders" FROM marts.fct_orders GROUP BY "region"
-- ----
SELECT 'it''s a string; with a semicolon' AS note, $$dollar ; quoted$$ AS other FROM marts.fct_orders LIMIT 1
-- ----
SELECT order_date, lag(net_amount) OVER (ORDER BY order_date) FROM marts.fct_orders WHERE order_date BETWEEN DATE '2025-01-01' AND DATE '2025-01-31'
-- ----
SELECT generate_series(1, 3) AS n
-- ----
SELECT region, string_agg(DISTINCT country, ', ' ORDER BY country) FROM marts.dim_customers GROUP BY region
-- ----
SELECT (SELECT max(order_date) FROM marts.fct_orders) AS latest, (SELECT min(order_date) FROM marts.fct_orders) AS first
-- ----
SELECT region AS cluster, count(*) AS load FROM marts.fct_orders GROUP BY 1
-- ----
SELECT o.status AS security, sum(o.net_amount) AS call FROM marts.fct_orders AS o GROUP BY 1
-- ----
SELECT x.refresh, x.lock FROM (SELECT region AS refresh, status AS lock FROM marts.fct_orders) AS x
-- ----
WITH c AS (SELECT region AS cluster FROM marts.fct_orders) SELECT cluster, count(*) FROM c GROUP BY cluster
-- ----
SELECT region, percentile_cont(0.5) WITHIN GROUP (ORDER BY net_amount) AS median FROM marts.fct_orders GROUP BY region
-- ----
SELECT to_char(order_date, 'YYYY-MM') AS month, round(avg(net_amount), 2) FROM marts.fct_orders GROUP BY 1
-- ----
SELECT n FROM generate_series(1, 3) AS n
-- ----
SELECT q.region, q.n FROM (WITH r AS (SELECT region, count(*) AS n FROM marts.fct_orders GROUP BY region) SELECT region, n FROM r) AS q ORDER BY q.n DESC
-- ----
WITH m AS (SELECT date_trunc('month', order_date)::date AS month, sum(net_amount) AS revenue FROM marts.fct_orders GROUP BY 1), g AS (SELECT month, revenue, lag(revenue) OVER (ORDER BY month) AS before FROM m) SELECT month, revenue, revenue - before AS growth FROM g
-- ----
WITH big AS (SELECT customer_id FROM marts.fct_orders WHERE net_amount > 100) SELECT count(*) FROM marts.dim_customers c WHERE c.customer_id IN (SELECT customer_id FROM big)
-- ----
WITH r AS (SELECT region FROM marts.fct_orders) SELECT region FROM r UNION SELECT region FROM r
-- ----
WITH fct_orders AS (SELECT 1 AS x) SELECT x FROM fct_orders
-- ----
