with clustered as (
    select * from {{ ref('int_candidate_facts_clustered') }}
),

final as (
    select
        candidate_id,
        event_id as fact_id,
        {{ fact_table_name('fact_kind') }} as fact_table,
        document_id,
        char_start,
        char_end,
        quote
    from clustered
)

select * from final
