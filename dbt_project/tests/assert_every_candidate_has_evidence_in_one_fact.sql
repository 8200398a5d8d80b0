-- Nothing extracted is dropped silently: every candidate of a core kind is
-- evidence for exactly one fact.
{{ config(meta={'dagster': {'ref': {'name': 'fct_evidence'}}}) }}  -- shown in the UI as a check on fct_evidence
with candidates as (
    select candidate_id
    from {{ ref('stg_raw__candidate_facts') }}
    where fact_kind in ('funding_round', 'contract', 'customer_loss')
),

evidence as (
    select candidate_id, count(*) as n_facts
    from {{ ref('fct_evidence') }}
    group by candidate_id
)

select c.candidate_id, coalesce(e.n_facts, 0) as n_facts
from candidates as c
left join evidence as e on e.candidate_id = c.candidate_id
where coalesce(e.n_facts, 0) <> 1
