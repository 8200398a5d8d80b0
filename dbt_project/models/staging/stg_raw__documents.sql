with source as (
    select * from {{ source('raw', 'documents') }}
),

final as (
    select
        cast(document_id as varchar) as document_id,
        cast(content_sha256 as varchar) as content_sha256,
        cast(source_path as varchar) as source_path,
        cast(title as varchar) as title,
        cast(language as varchar) as language,
        cast(published_at as date) as published_at,
        cast(url as varchar) as url,
        cast(source as varchar) as source,
        cast(n_chars as integer) as n_chars,
        cast(text as varchar) as text,
        cast(ingested_at as timestamp) as ingested_at,
        cast(extractor_version as varchar) as extractor_version
    from source
)

select * from final
