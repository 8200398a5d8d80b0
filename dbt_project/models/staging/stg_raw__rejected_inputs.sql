with source as (
    select * from {{ source('raw', 'rejected_inputs') }}
),

final as (
    select
        cast(source_path as varchar) as source_path,
        cast(reason as varchar) as reason,
        cast(file_sha256 as varchar) as file_sha256,
        cast(detected_at as timestamp) as detected_at
    from source
)

select * from final
