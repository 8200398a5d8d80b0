with source as (
    select * from {{ source('raw', 'candidate_facts') }}
),

final as (
    select
        cast(candidate_id as varchar) as candidate_id,
        cast(document_id as varchar) as document_id,
        cast(fact_kind as varchar) as fact_kind,
        cast(subject_name as varchar) as subject_name,
        cast(counterparty_name as varchar) as counterparty_name,
        cast(round_type as varchar) as round_type,
        cast(amount as double) as amount,
        cast(amount_low as double) as amount_low,
        cast(amount_high as double) as amount_high,
        upper(cast(currency as varchar)) as currency,
        cast(amount_qualifier as varchar) as amount_qualifier,
        cast(stake_pct as double) as stake_pct,
        cast(valuation as double) as valuation,
        upper(cast(valuation_currency as varchar)) as valuation_currency,
        cast(event_date as date) as event_date,
        cast(event_date_precision as varchar) as event_date_precision,
        cast(description as varchar) as description,
        cast(sentence_index as integer) as sentence_index,
        cast(char_start as integer) as char_start,
        cast(char_end as integer) as char_end,
        cast(quote as varchar) as quote
    from source
)

select * from final
