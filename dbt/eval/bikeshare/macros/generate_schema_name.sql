{# Custom schemas are used exactly as named (raw, staging, mobility), never prefixed with the target
   schema: analysts and tools query mobility.fct_trips whatever target built it. #}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
