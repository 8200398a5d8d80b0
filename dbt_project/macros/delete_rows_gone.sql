{#- The post-hook of the incremental models: delete the rows whose key is no
    longer in `relation` (filtered by `where`), what a full refresh would not
    have made. -#}
{% macro delete_rows_gone(key, relation, where=none) -%}
    delete from {{ this }}
    where {{ key }} not in (select {{ key }} from {{ relation }}{% if where %} where {{ where }}{% endif %})
{%- endmacro %}
