with rejected as (
    select * from {{ ref('stg_raw__rejected_inputs') }}
),

final as (
    select
        source_path,
        reason,
        detected_at,
        file_sha256
    from rejected
)

select * from final
