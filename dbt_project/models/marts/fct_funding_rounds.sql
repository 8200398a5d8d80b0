with events as (
    select * from {{ ref('int_deal_events_deduplicated') }}
    where fact_kind = 'funding_round'
),

investors as (
    select * from {{ ref('int_funding_round_investors_deduplicated') }}
),

investor_lists as (
    select
        funding_round_id,
        list(investor_name order by investor_name) as investor_names,
        list(investor_name order by investor_name) filter (where is_lead) as lead_investor_names
    from investors
    group by funding_round_id
),

final as (
    select
        e.event_id as funding_round_id,
        e.subject_id as company_id,
        e.subject_name as company_name,
        e.round_type,
        e.amount,
        e.currency,
        e.amount_usd,
        e.amount_qualifier,
        e.amounts_stated,
        e.stake_pct,
        e.valuation,
        e.valuation_currency,
        e.valuation_usd,
        e.valuations_stated,
        coalesce(i.investor_names, []::varchar[]) as investor_names,
        coalesce(i.lead_investor_names, []::varchar[]) as lead_investor_names,
        e.event_date,
        e.event_date_precision,
        e.source_count,
        e.document_ids,
        e.has_conflict,
        e.conflicting_fields
    from events as e
    left join investor_lists as i on i.funding_round_id = e.event_id
)

select * from final
