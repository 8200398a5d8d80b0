{#- Two CTEs that label every node with the smallest node id reachable from
    it through `edges` (taken in both directions): `<name>` (node_id, label).
    `nodes` must have a column node_id and `edges` columns node_a, node_b.
    Use inside `with recursive`.
    Minimum-label propagation with a keyed recursive CTE (USING KEY): each
    round keeps one row per node and only rows whose label dropped, so the cost
    is rounds x edges. The earlier walk kept every (node, reachable node) pair,
    which grew with the square of a cluster's size and did not finish on a
    10,000-article corpus where one company has a thousand candidates.
    The links are materialised: inlined, they were computed again in every
    round (20x slower on millions of edges). -#}
{% macro connected_components(name, nodes, edges) -%}
{{ name }}_links as materialized (
    select node_a, node_b from {{ edges }}
    union
    select node_b, node_a from {{ edges }}
),

{{ name }}_walk(node_id, label) using key (node_id) as (
    select node_id, node_id from {{ nodes }}
    union
    select l.node_b, min(c.label)
    from {{ name }}_walk as c
    inner join {{ name }}_links as l on l.node_a = c.node_id
    left join recurring.{{ name }}_walk as r on r.node_id = l.node_b
    group by l.node_b, r.label
    having min(c.label) < any_value(r.label)
),

-- materialised: joined against a recursive CTE directly, the planner picked plans that did not finish
{{ name }} as materialized (
    select node_id, label from {{ name }}_walk
)
{%- endmacro %}
