{#- Fails with one row per listed column that holds nulls (the column and how
    many). One test per model instead of one per column: a dbt node costs
    about as much to run as the query itself on small tables, and a model has
    up to twenty such columns. -#}
{% test not_null_columns(model, columns) %}

{% for column in columns %}
select '{{ column }}' as null_column, count(*) as null_rows
from {{ model }}
where {{ column }} is null
having count(*) > 0
{% if not loop.last %}union all{% endif %}
{% endfor %}

{% endtest %}
