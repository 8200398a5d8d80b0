with documents as (
    select * from {{ ref('stg_raw__documents') }}
),

document_paths as (
    select * from {{ ref('stg_raw__document_paths') }}
),

path_lists as (
    select
        document_id,
        list(source_path order by source_path) as source_paths
    from document_paths
    group by document_id
),

final as (
    select
        d.document_id,
        coalesce(p.source_paths[1], d.source_path) as source_path,
        coalesce(p.source_paths, [d.source_path]) as source_paths,
        d.content_sha256,
        d.title,
        d.language,
        d.published_at,
        d.url,
        d.source,
        d.n_chars,
        d.ingested_at,
        d.extractor_version,
        d.text
    from documents as d
    left join path_lists as p on p.document_id = d.document_id
)

select * from final
