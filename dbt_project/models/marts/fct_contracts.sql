with events as (
    select * from {{ ref('int_deal_events_deduplicated') }}
    where fact_kind = 'contract'
),

final as (
    select
        event_id as contract_id,
        subject_id as supplier_id,
        subject_name as supplier_name,
        counterparty_id as customer_id,
        counterparty_name as customer_name,
        amount,
        currency,
        amount_usd,
        amount_qualifier,
        amounts_stated,
        event_date,
        event_date_precision,
        description,
        source_count,
        document_ids,
        has_conflict,
        conflicting_fields
    from events
)

select * from final
