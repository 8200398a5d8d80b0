{#- Cross-article deduplication: which candidates report the same real-world
    event. The rules are in the doc block `deduplication`; in short:
      pairs      compare every two candidates of one kind and subject; keep the
                 compatible ones
      phase 1    link pairs that agree on something and conflict on nothing
                 (vague candidates - no amount, no date - stay out of it:
                 through a shared investor they would bridge two events)
      phase 2a   attach each vague cluster to its best compatible cluster
                 sharing an investor (funding) or the customer (contract,
                 loss), or to the best compatible cluster at all when it
                 names no party; vague clusters with no such cluster group
                 together
      phase 2b   merge a cluster that is compatible with exactly one other, and
                 merge groups of clusters that are all compatible with one
                 another and with no cluster outside the group
    Every step labels a group with its smallest id, so the result does not
    depend on row order.

    Incremental: every step stays within one kind and subject (a group), so a
    run clusters again only the groups where a candidate came, went or changed
    (its row or its investors: `input_hash`), replaces their rows, and the
    post-hook drops the rows of candidates that are gone. The result equals a
    full refresh (tests/test_dbt_incremental.py); a change of the dbt project
    itself makes the run a full refresh (pipelines/defs/transformation). -#}
{{
    config(
        materialized='incremental',
        unique_key='candidate_id',
        incremental_strategy='delete+insert',
        on_schema_change='fail',
        post_hook="delete from {{ this }} where candidate_id not in (select candidate_id from "
                  ~ "{{ ref('int_candidate_facts_resolved') }} where fact_kind in ('funding_round', 'contract', "
                  ~ "'customer_loss'))"
    )
}}
with recursive

all_resolved as (
    select
        r.*,
        hash(r, i.investor_ids) as input_hash
    from {{ ref('int_candidate_facts_resolved') }} as r
    left join (
        select candidate_id, list(distinct investor_id order by investor_id) as investor_ids
        from {{ ref('int_candidate_fact_investors_resolved') }}
        group by candidate_id
    ) as i on i.candidate_id = r.candidate_id
    where r.fact_kind in ('funding_round', 'contract', 'customer_loss')
),

{% if is_incremental() %}
changed_groups as (
    select a.fact_kind, a.subject_id
    from all_resolved as a
    where not exists (
        select 1 from {{ this }} as t where t.candidate_id = a.candidate_id and t.input_hash = a.input_hash
    )
    union
    select t.fact_kind, t.subject_id
    from {{ this }} as t
    where not exists (
        select 1 from all_resolved as a where a.candidate_id = t.candidate_id and a.input_hash = t.input_hash
    )
),

resolved as (
    select a.*
    from all_resolved as a
    inner join changed_groups as g
        on g.fact_kind = a.fact_kind
        and g.subject_id is not distinct from a.subject_id
),
{% else %}
resolved as (
    select * from all_resolved
),
{% endif %}

-- The graph steps below work on `node`, an integer in the order of candidate_id (so the smallest node
-- is the smallest candidate id): a company reported thousands of times gives millions of pairs, and
-- pairs of integers take a fraction of the memory of pairs of strings.
candidates as materialized (
    select
        row_number() over (order by candidate_id) as node,
        candidate_id,
        document_id,
        fact_kind,
        subject_id,
        counterparty_id,
        lower(round_type) as round_key,
        -- amounts compare in USD when converted, else as stated in one currency
        coalesce(amount_usd, amount) as amount_compared,
        case when amount_usd is not null then 'USD' else currency end as amount_compared_unit,
        coalesce(valuation_usd, valuation) as valuation_compared,
        case when valuation_usd is not null then 'USD' else valuation_currency end as valuation_compared_unit,
        event_period_start,
        event_period_end,
        amount is null and event_date is null as is_vague
    from resolved
),

investors as (
    select distinct c.node, i.investor_id
    from {{ ref('int_candidate_fact_investors_resolved') }} as i
    inner join candidates as c on c.candidate_id = i.candidate_id
),

-- Only compatible pairs are kept (two candidates of one kind and subject that conflict on nothing): the
-- steps below need no other, and a company reported thousands of times makes millions of pairs, most
-- of them conflicting. A group of clusters is compatible when all its candidate pairs are kept, which
-- is told by counting them (macro cluster_pairs) instead of storing the conflicting ones.
compatible_pairs as materialized (
    select
        a.node as node_a,
        b.node as node_b,
        a.fact_kind,
        a.is_vague or b.is_vague as involves_vague,
        coalesce(
            (a.amount_compared is not null and b.amount_compared is not null
                and a.amount_compared_unit is not distinct from b.amount_compared_unit
                and {{ relative_gap('a.amount_compared', 'b.amount_compared') }} <= 0.25)
            or (a.event_period_start < b.event_period_end and b.event_period_start < a.event_period_end)
            or a.round_key = b.round_key,
            false
        ) as agrees_on_terms,
        coalesce(a.counterparty_id = b.counterparty_id, false) as same_counterparty
    from candidates as a
    inner join candidates as b
        on a.fact_kind = b.fact_kind
        and a.subject_id = b.subject_id
        and a.node <> b.node
    where not coalesce(
        a.round_key <> b.round_key
        or (a.amount_compared_unit is not distinct from b.amount_compared_unit
            and {{ relative_gap('a.amount_compared', 'b.amount_compared') }} > 0.25)
        or (a.valuation_compared_unit is not distinct from b.valuation_compared_unit
            and {{ relative_gap('a.valuation_compared', 'b.valuation_compared') }} > 0.25)
        or (a.event_period_start is not null and b.event_period_start is not null
            and not (a.event_period_start < b.event_period_end and b.event_period_start < a.event_period_end))
        or (a.fact_kind in ('contract', 'customer_loss') and a.counterparty_id <> b.counterparty_id),
        false
    )
),

-- looked up for compatible pairs only: over all pairs of a company, a busy investor would pair every
-- round of its portfolio with every other
shared_investor_pairs as materialized (
    select distinct p.node_a, p.node_b
    from compatible_pairs as p
    inner join investors as a on a.node = p.node_a
    inner join investors as b
        on b.node = p.node_b
        and b.investor_id = a.investor_id
    where p.fact_kind = 'funding_round'
),

pairs as (
    select
        p.node_a,
        p.node_b,
        p.involves_vague,
        p.agrees_on_terms or s.node_a is not null as is_agreeing,
        -- the party that lets a vague mention join an event
        case
            when p.fact_kind = 'funding_round' then s.node_a is not null
            else p.same_counterparty
        end as shares_party
    from compatible_pairs as p
    left join shared_investor_pairs as s
        on s.node_a = p.node_a
        and s.node_b = p.node_b
),

-- phase 1 -------------------------------------------------------------------

candidate_nodes as (
    select node as node_id from candidates
),

phase1_edges as (
    select node_a, node_b
    from pairs
    where is_agreeing and not involves_vague
),

{{ connected_components('phase1', 'candidate_nodes', 'phase1_edges') }},

phase1_clusters as materialized (
    select
        p.label as cluster_id,
        bool_and(c.is_vague) as is_vague,
        bool_or(c.counterparty_id is not null or c.node in (select node from investors)) as names_a_party,
        count(distinct c.document_id) as n_documents,
        max(c.amount_compared) as max_amount
    from candidates as c
    inner join phase1 as p on p.node_id = c.node
    group by p.label
),

phase1_cluster_pairs as materialized (
    {{ cluster_pairs('phase1') }}
),

-- phase 2a: vague clusters --------------------------------------------------

vague_attachments as (
    select
        cp.cluster_a as cluster_id,
        cp.cluster_b as target_cluster_id
    from phase1_cluster_pairs as cp
    inner join phase1_clusters as a on a.cluster_id = cp.cluster_a
    inner join phase1_clusters as b on b.cluster_id = cp.cluster_b
    where a.is_vague
        and not b.is_vague
        -- a mention that names nobody ("Acme's mega-round") cannot contradict an event: it joins the
        -- most reported one it fits
        and (cp.shares_party or not a.names_a_party)
        and not cp.any_conflict
    qualify row_number() over (
        partition by cp.cluster_a
        order by b.n_documents desc, b.max_amount desc nulls last, b.cluster_id
    ) = 1
),

cluster_nodes as (
    select cluster_id as node_id from phase1_clusters
),

vague_group_edges as (
    select cp.cluster_a as node_a, cp.cluster_b as node_b
    from phase1_cluster_pairs as cp
    inner join phase1_clusters as a on a.cluster_id = cp.cluster_a
    inner join phase1_clusters as b on b.cluster_id = cp.cluster_b
    where a.is_vague
        and b.is_vague
        and cp.shares_party
        and not cp.any_conflict
        and cp.cluster_a not in (select cluster_id from vague_attachments)
        and cp.cluster_b not in (select cluster_id from vague_attachments)
),

{{ connected_components('vague_groups', 'cluster_nodes', 'vague_group_edges') }},

phase2a as materialized (
    select
        p.node_id,
        coalesce(va.target_cluster_id, vg.label) as label
    from phase1 as p
    left join vague_attachments as va on va.cluster_id = p.label
    left join vague_groups as vg on vg.node_id = p.label
),

-- phase 2b: a cluster compatible with exactly one other ----------------------

phase2a_cluster_pairs as materialized (
    {{ cluster_pairs('phase2a') }}
),

single_compatible_edges as (
    select cluster_a as node_a, cluster_b as node_b
    from phase2a_cluster_pairs
    where not any_conflict
    qualify count(*) over (partition by cluster_a) = 1
),

phase2a_cluster_nodes as (
    select distinct label as node_id from phase2a
),

-- clusters that are all compatible with one another, and with nothing else, are one event: the
-- amount told here, the date there and the investors in a third sentence ("Series F" in 2024)
compatible_edges as (
    select cluster_a as node_a, cluster_b as node_b
    from phase2a_cluster_pairs
    where not any_conflict
),

{{ connected_components('compatible_groups', 'phase2a_cluster_nodes', 'compatible_edges') }},

compatible_group_shapes as (
    select
        g.label,
        count(distinct g.node_id) as n_clusters,
        count(e.node_b) as n_directed_edges
    from compatible_groups as g
    left join compatible_edges as e on e.node_a = g.node_id
    group by g.label
),

clique_edges as (
    select e.node_a, e.node_b
    from compatible_edges as e
    inner join compatible_groups as g on g.node_id = e.node_a
    inner join compatible_group_shapes as s on s.label = g.label
    where s.n_directed_edges = s.n_clusters * (s.n_clusters - 1)
),

merge_edges as (
    select node_a, node_b from single_compatible_edges
    union
    select node_a, node_b from clique_edges
),

{{ connected_components('phase2b', 'phase2a_cluster_nodes', 'merge_edges') }},

events as (
    select
        c.candidate_id,
        c1.candidate_id as phase1_cluster_id,
        b.label as event_cluster_id
    from phase2a as a
    inner join phase2b as b on b.node_id = a.label
    inner join phase1 as p1 on p1.node_id = a.node_id
    inner join candidates as c on c.node = a.node_id
    inner join candidates as c1 on c1.node = p1.label
),

final as (
    select
        {{ fact_id_prefix('r.fact_kind') }}
            || left(md5(min(r.candidate_id) over (partition by e.event_cluster_id)), 16) as event_id,
        min(r.candidate_id) over (partition by e.event_cluster_id) as event_anchor_candidate_id,
        e.phase1_cluster_id,
        r.*
    from resolved as r
    inner join events as e on e.candidate_id = r.candidate_id
)

select * from final
