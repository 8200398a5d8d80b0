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
