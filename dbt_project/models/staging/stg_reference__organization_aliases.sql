with source as (
    select * from {{ ref('ref_organization_aliases') }}
),

final as (
    select
        cast(organization_name as varchar) as organization_name,
        cast(alias as varchar) as alias,
        cast(organization_type as varchar) as organization_type
    from source
)

select * from final
