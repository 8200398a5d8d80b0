{#- Deterministic organisation id from the canonical name's key, so that an
    id survives re-runs and is the same wherever it is computed. -#}
{% macro organization_id(canonical_key_expr) -%}
'org_' || left(md5({{ canonical_key_expr }}), 12)
{%- endmacro %}
