with source as (
    select * from {{ source('raw', 'document_paths') }}
),

final as (
    select
        cast(source_path as varchar) as source_path,
        cast(document_id as varchar) as document_id,
        cast(file_sha256 as varchar) as file_sha256,
        cast(size_bytes as bigint) as size_bytes
    from source
)

select * from final
