with investors as (
    select * from {{ ref('int_funding_round_investors_deduplicated') }}
),

final as (
    select
        funding_round_id,
        investor_id,
        investor_name,
        is_lead,
        document_count
    from investors
)

select * from final
