with source as (
    select * from {{ source('raw', 'candidate_fact_investors') }}
),

final as (
    select
        cast(candidate_id as varchar) as candidate_id,
        cast(investor_name as varchar) as investor_name,
        cast(is_lead as boolean) as is_lead
    from source
)

select * from final
