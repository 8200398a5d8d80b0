{#- The pairs of distinct clusters of `labels` (node_id, label) that have at
    least one compatible node pair in `pairs` (node_a, node_b, shares_party):
    cluster_a, cluster_b, any_conflict, shares_party. `pairs` holds compatible
    pairs only, so two clusters conflict unless every pair of their nodes is
    there: counting them (size A x size B) tells it without storing the
    conflicting ones. A node may stand for several candidates that are
    compatible with exactly the same others: the count tells the same. -#}
{% macro cluster_pairs(labels, pairs='pairs') -%}
    with sizes as (
        select label, count(*) as n_candidates from {{ labels }} group by label
    ),

    counted as (
        select
            la.label as cluster_a,
            lb.label as cluster_b,
            count(*) as n_pairs,
            bool_or(p.shares_party) as shares_party
        from {{ pairs }} as p
        inner join {{ labels }} as la on la.node_id = p.node_a
        inner join {{ labels }} as lb on lb.node_id = p.node_b
        where la.label <> lb.label
        group by la.label, lb.label
    )

    select
        c.cluster_a,
        c.cluster_b,
        c.n_pairs < sa.n_candidates * sb.n_candidates as any_conflict,
        c.shares_party
    from counted as c
    inner join sizes as sa on sa.label = c.cluster_a
    inner join sizes as sb on sb.label = c.cluster_b
{%- endmacro %}
