with clustered as (
    select * from {{ ref('int_candidate_facts_clustered') }}
    where fact_kind = 'funding_round'
),

investors as (
    select * from {{ ref('int_candidate_fact_investors_resolved') }}
),

-- the union of the investors that any source names; lead if any source says so
final as (
    select
        c.event_id as funding_round_id,
        i.investor_id,
        min(i.investor_name) as investor_name,
        bool_or(i.is_lead) as is_lead,
        count(distinct c.document_id) as document_count
    from clustered as c
    inner join investors as i on i.candidate_id = c.candidate_id
    group by c.event_id, i.investor_id
)

select * from final
