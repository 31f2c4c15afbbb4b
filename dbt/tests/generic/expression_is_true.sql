{# Every row satisfies a SQL expression (dbt_utils has the same test; the project keeps its own
   so it needs no package download). Fails with the rows for which the expression is false. #}
{% test expression_is_true(model, expression) %}
select *
from {{ model }}
where not ({{ expression }})
{% endtest %}
