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

    The graph is built on signatures, not on candidates: candidates that state
    exactly the same terms and parties end in one cluster anyway (phase 1
    links them, or phase 2a groups them when they are vague), and every other
    candidate treats them alike, so they become one node. Two nodes are
    compatible when all their candidates are, so cluster_pairs counts node
    pairs against nodes as it counted candidates. A deal reported by hundreds of articles is a handful of
    nodes instead of hundreds, and the pairs, which grow with the square of a
    company's candidates, shrink accordingly; the result is the one the
    candidate graph gives.

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
        post_hook="{{ delete_rows_gone('candidate_id', ref('int_candidate_facts_resolved'), "
                  ~ "\"fact_kind in ('funding_round', 'contract', 'customer_loss')\") }}"
    )
}}
with recursive

all_resolved as (
    select
        r.*,
        hash(r, i.investor_ids) as input_hash,
        i.investor_ids
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

-- The graph steps below work on integers in the order of candidate_id (so the smallest node is the
-- smallest candidate id): a company reported thousands of times gives millions of pairs, and pairs of
-- integers take a fraction of the memory of pairs of strings.
candidate_terms as (
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
        amount is null and event_date is null as is_vague,
        investor_ids
    from resolved
),

-- A candidate whose twins (candidates stating the same terms and parties) every step treats as one: it
-- conflicts with nothing of its own, and either phase 1 links it to them (not vague, agreeing with
-- itself) or phase 2a groups it with them (vague: phase 1 leaves it a cluster of its own, and it shares a
-- party with them: an investor of a round, the customer of a contract or loss).
with_twin_flag as (
    select
        c.*,
        not coalesce({{ candidates_conflict('c', 'c') }}, false)
        and case
            when not c.is_vague then coalesce({{ candidates_agree_on_terms('c', 'c') }}, false)
            when c.fact_kind = 'funding_round' then c.investor_ids is not null
            else c.counterparty_id is not null
        end as merges_with_twins
    from candidate_terms as c
),

-- the signature node: the smallest of such a candidate and its twins; any other candidate is its own
candidates as materialized (
    select
        c.*,
        case
            when c.merges_with_twins then min(c.node) over (
                partition by c.merges_with_twins, c.is_vague, c.fact_kind, c.subject_id, c.counterparty_id,
                    c.round_key, c.amount_compared, c.amount_compared_unit, c.valuation_compared,
                    c.valuation_compared_unit, c.event_period_start, c.event_period_end, c.investor_ids
            )
            else c.node
        end as signature_node
    from with_twin_flag as c
),

-- the graph's nodes: one per signature, with the terms its candidates share
signatures as materialized (
    select
        signature_node as node,
        any_value(fact_kind) as fact_kind,
        any_value(subject_id) as subject_id,
        any_value(counterparty_id) as counterparty_id,
        any_value(round_key) as round_key,
        any_value(amount_compared) as amount_compared,
        any_value(amount_compared_unit) as amount_compared_unit,
        any_value(valuation_compared) as valuation_compared,
        any_value(valuation_compared_unit) as valuation_compared_unit,
        any_value(event_period_start) as event_period_start,
        any_value(event_period_end) as event_period_end,
        any_value(is_vague) as is_vague
    from candidates
    group by signature_node
),

investors as (
    select distinct c.signature_node as node, i.investor_id
    from {{ ref('int_candidate_fact_investors_resolved') }} as i
    inner join candidates as c on c.candidate_id = i.candidate_id
),

-- Only compatible pairs are kept (two signatures of one kind and subject that conflict on nothing):
-- the steps below need no other, and a company reported thousands of times makes millions of pairs,
-- most of them conflicting. A group of clusters is compatible when all its pairs are kept, which is
-- told by counting them (macro cluster_pairs) instead of storing the conflicting ones.
compatible_pairs as materialized (
    select
        a.node as node_a,
        b.node as node_b,
        a.fact_kind,
        a.is_vague or b.is_vague as involves_vague,
        coalesce({{ candidates_agree_on_terms('a', 'b') }}, false) as agrees_on_terms,
        coalesce(a.counterparty_id = b.counterparty_id, false) as same_counterparty
    from signatures as a
    inner join signatures as b
        on a.fact_kind = b.fact_kind
        and a.subject_id = b.subject_id
        and a.node <> b.node
    where not coalesce({{ candidates_conflict('a', 'b') }}, false)
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

signature_nodes as (
    select node as node_id from signatures
),

phase1_edges as (
    select node_a, node_b
    from pairs
    where is_agreeing and not involves_vague
),

{{ connected_components('phase1', 'signature_nodes', 'phase1_edges') }},

phase1_clusters as materialized (
    select
        p.label as cluster_id,
        bool_and(c.is_vague) as is_vague,
        bool_or(c.counterparty_id is not null or c.investor_ids is not null) as names_a_party,
        count(distinct c.document_id) as n_documents,
        max(c.amount_compared) as max_amount
    from candidates as c
    inner join phase1 as p on p.node_id = c.signature_node
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
        -- phase 1 leaves a vague candidate a cluster of its own, twins or not
        case when c.is_vague then c.candidate_id else c1.candidate_id end as phase1_cluster_id,
        b.label as event_cluster_id
    from candidates as c
    inner join phase2a as a on a.node_id = c.signature_node
    inner join phase2b as b on b.node_id = a.label
    inner join phase1 as p1 on p1.node_id = c.signature_node
    inner join candidates as c1 on c1.node = p1.label
),

-- the event's anchor is its smallest candidate id: taken over the narrow rows of `events` (a window over
-- the candidates' full rows, quotes included, is what ran out of memory at 100,000 articles)
event_anchors as (
    select
        candidate_id,
        phase1_cluster_id,
        min(candidate_id) over (partition by event_cluster_id) as event_anchor_candidate_id
    from events
),

final as (
    select
        {{ fact_id_prefix('r.fact_kind') }} || left(md5(a.event_anchor_candidate_id), 16) as event_id,
        a.event_anchor_candidate_id,
        a.phase1_cluster_id,
        r.* exclude (investor_ids, resolution_hash)
    from resolved as r
    inner join event_anchors as a on a.candidate_id = r.candidate_id
)

select * from final
