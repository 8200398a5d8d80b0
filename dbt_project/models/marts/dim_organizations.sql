with events as (
    select * from {{ ref('int_deal_events_deduplicated') }}
),

investors as (
    select * from {{ ref('int_funding_round_investors_deduplicated') }}
),

names_resolved as (
    select * from {{ ref('int_organization_names_resolved') }}
),

reference_aliases as (
    select * from {{ ref('stg_reference__organization_aliases') }}
),

referenced as (
    select subject_id as organization_id from events
    union
    select counterparty_id from events where counterparty_id is not null
    union
    select investor_id from investors
),

-- spellings met in the texts, and the reference's own
spellings as (
    select organization_id, organization_name, organization_type, raw_name as alias
    from names_resolved
    union all
    select
        {{ organization_id(normalize_org_name('organization_name')) }},
        organization_name,
        organization_type,
        alias
    from reference_aliases
    union all
    select
        {{ organization_id(normalize_org_name('organization_name')) }},
        organization_name,
        organization_type,
        organization_name
    from reference_aliases
),

final as (
    select
        s.organization_id,
        min(s.organization_name) as name,
        list(distinct s.alias order by s.alias) as aliases,
        min(s.organization_type) as organization_type
    from spellings as s
    inner join referenced as r on r.organization_id = s.organization_id
    group by s.organization_id
)

select * from final
