-- A fact's document_ids are exactly the documents of its evidence.
{{ config(meta={'dagster': {'ref': {'name': 'fct_evidence'}}}) }}  -- shown in the UI as a check on fct_evidence
with facts as (
    select funding_round_id as fact_id, document_ids from {{ ref('fct_funding_rounds') }}
    union all
    select contract_id, document_ids from {{ ref('fct_contracts') }}
    union all
    select customer_loss_id, document_ids from {{ ref('fct_customer_losses') }}
),

evidence as (
    select fact_id, list(distinct document_id order by document_id) as document_ids
    from {{ ref('fct_evidence') }}
    group by fact_id
)

select f.fact_id, f.document_ids, e.document_ids as evidence_document_ids
from facts as f
full outer join evidence as e on e.fact_id = f.fact_id
where f.document_ids is distinct from e.document_ids
