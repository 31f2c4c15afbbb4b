{# The grain of a table is unique: no two rows share these columns (dbt_utils has the same test;
   the project keeps its own so it needs no package download). #}
{% test unique_combination_of_columns(model, combination_of_columns) %}
select {{ combination_of_columns | join(', ') }}
from {{ model }}
group by {{ combination_of_columns | join(', ') }}
having count(*) > 1
{% endtest %}
