{#- Two CTEs that label every node with the smallest node id reachable from
    it through `edges` (taken in both directions): `<name>` (node_id, label).
    `nodes` must have a column node_id and `edges` columns node_a, node_b.
    Use inside `with recursive`. The UNION (not UNION ALL) makes the walk stop
    once no new (node, label) pair appears. -#}
{% macro connected_components(name, nodes, edges) -%}
{{ name }}_links as (
    select node_a, node_b from {{ edges }}
    union
    select node_b, node_a from {{ edges }}
),

{{ name }}_walk (node_id, label) as (
    select node_id, node_id from {{ nodes }}
    union
    select e.node_b, w.label
    from {{ name }}_walk as w
    inner join {{ name }}_links as e on e.node_a = w.node_id
),

{{ name }} as (
    select node_id, min(label) as label
    from {{ name }}_walk
    group by node_id
)
{%- endmacro %}
