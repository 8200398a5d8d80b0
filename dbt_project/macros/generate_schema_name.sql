{#- Schemas are exactly the names given in dbt_project.yml (`staging`,
    `intermediate`, `marts`, `reference`), not `<target schema>_<name>`:
    analysts and the contract refer to `marts.fct_*`. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
