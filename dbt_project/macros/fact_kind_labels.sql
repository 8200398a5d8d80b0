{#- Prefix of a fact id, by fact kind. -#}
{% macro fact_id_prefix(fact_kind_expr) -%}
case {{ fact_kind_expr }}
    when 'funding_round' then 'fr_'
    when 'contract' then 'ct_'
    when 'customer_loss' then 'cl_'
end
{%- endmacro %}

{#- The mart that holds facts of a kind. -#}
{% macro fact_table_name(fact_kind_expr) -%}
case {{ fact_kind_expr }}
    when 'funding_round' then 'fct_funding_rounds'
    when 'contract' then 'fct_contracts'
    when 'customer_loss' then 'fct_customer_losses'
end
{%- endmacro %}
