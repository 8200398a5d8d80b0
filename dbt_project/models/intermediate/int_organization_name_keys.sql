{#- Every organisation name the extractors wrote (subjects, counterparties,
    investors) with its name key (doc block `name_resolution`) and how often
    it is written. Resolution (int_organization_names_resolved) and the typo
    pairs between keys (int_organization_key_misspellings) both start here. -#}
with

candidate_facts as (
    select * from {{ ref('stg_raw__candidate_facts') }}
),

candidate_fact_investors as (
    select * from {{ ref('stg_raw__candidate_fact_investors') }}
),

name_mentions as (
    select subject_name as raw_name from candidate_facts
    union all
    select counterparty_name from candidate_facts where counterparty_name is not null
    union all
    select investor_name from candidate_fact_investors
),

final as (
    select
        raw_name,
        coalesce(
            nullif({{ normalize_org_name('raw_name') }}, ''),
            lower(trim(raw_name))
        ) as name_key,
        count(*) as mention_count
    from name_mentions
    group by raw_name
)

select * from final
