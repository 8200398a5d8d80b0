{#- Fails for every row where the SQL expression is not true (false or null).
    The expression is complete in itself, also when the test sits under a column. -#}
{% test expression_is_true(model, expression, column_name=none) %}

select *
from {{ model }}
where not coalesce(({{ expression }}), false)

{% endtest %}
