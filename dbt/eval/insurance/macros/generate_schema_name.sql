{# Custom schemas are used exactly as named (raw, staging, insure), never prefixed with the target
   schema: analysts and tools query insure.fct_claims whatever target built it. #}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
