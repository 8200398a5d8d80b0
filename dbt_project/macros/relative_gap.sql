{#- |a - b| relative to the larger magnitude: 0 for equal values, 0.034 for
    14.3 vs 14.8. Two zeros count as equal. -#}
{% macro relative_gap(a, b) -%}
coalesce(abs({{ a }} - {{ b }}) / nullif(greatest(abs({{ a }}), abs({{ b }})), 0), 0)
{%- endmacro %}
