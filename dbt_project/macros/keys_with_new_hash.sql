{#- The keys of `rows` whose hash the model does not hold yet (new rows, or
    rows whose inputs changed): what an incremental model computes again.
    `rows` is a CTE or relation with the columns `key` and `hash_column`, as
    the model stores them. -#}
{% macro keys_with_new_hash(rows, key, hash_column) -%}
    select r.{{ key }}
    from {{ rows }} as r
    where not exists (
        select 1 from {{ this }} as t
        where t.{{ key }} = r.{{ key }} and t.{{ hash_column }} = r.{{ hash_column }}
    )
{%- endmacro %}

{#- The keys of `rows` whose values in `columns` the model does not hold yet (new rows, or rows whose
    values changed), for a model whose rows are cheap enough to compare whole. `rows` names its columns
    as the model stores them. -#}
{% macro keys_with_new_values(rows, key, columns) -%}
    select r.{{ key }}
    from {{ rows }} as r
    where not exists (
        select 1 from {{ this }} as t
        where t.{{ key }} = r.{{ key }}
        {%- for column in columns %}
          and t.{{ column }} is not distinct from r.{{ column }}
        {%- endfor %}
    )
{%- endmacro %}
