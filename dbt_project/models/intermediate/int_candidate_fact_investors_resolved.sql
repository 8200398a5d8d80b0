with candidate_fact_investors as (
    select * from {{ ref('stg_raw__candidate_fact_investors') }}
),

organizations as (
    select * from {{ ref('int_organization_names_resolved') }}
),

-- two spellings of one investor in one candidate become one row
final as (
    select
        i.candidate_id,
        o.organization_id as investor_id,
        min(o.organization_name) as investor_name,
        list(distinct i.investor_name order by i.investor_name) as investor_raw_names,
        bool_or(i.is_lead) as is_lead
    from candidate_fact_investors as i
    inner join organizations as o on o.raw_name = i.investor_name
    group by i.candidate_id, o.organization_id
)

select * from final
