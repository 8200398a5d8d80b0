{#- A select returning, per event, the value that most sources state:
    (event_id, value, unit, candidate_id), where values within `tolerance`
    of each other (relative) and in the same unit count as the same.
    Ties: the value backed by the most documents, then the larger value.
    `candidate_id` is the first candidate stating exactly that value, so its
    other columns (converted amount, qualifier) can be taken along. -#}
{% macro modal_stated_value(relation, value_expr, unit_expr='null', tolerance=0.02) -%}
    with stated as (
        select
            event_id,
            candidate_id,
            document_id,
            {{ value_expr }} as value,
            {{ unit_expr }} as unit
        from {{ relation }}
        where {{ value_expr }} is not null
    ),

    supported as (
        select
            a.event_id,
            a.candidate_id,
            a.value,
            a.unit,
            count(*) as n_statements,
            count(distinct b.document_id) as n_documents
        from stated as a
        inner join stated as b
            on a.event_id = b.event_id
            and a.unit is not distinct from b.unit
            and {{ relative_gap('a.value', 'b.value') }} <= {{ tolerance }}
        group by a.event_id, a.candidate_id, a.value, a.unit
    )

    select event_id, value, unit, candidate_id
    from supported
    qualify row_number() over (
        partition by event_id
        order by n_statements desc, n_documents desc, value desc, candidate_id
    ) = 1
{%- endmacro %}
