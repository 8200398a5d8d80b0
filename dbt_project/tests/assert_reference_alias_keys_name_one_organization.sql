-- Every spelling in the organisation reference must point to one
-- organisation once normalised; otherwise resolution would have to guess.
with aliases as (
    select organization_name, alias from {{ ref('stg_reference__organization_aliases') }}
    union
    select organization_name, organization_name from {{ ref('stg_reference__organization_aliases') }}
),

keyed as (
    select
        {{ normalize_org_name('alias') }} as alias_key,
        organization_name
    from aliases
)

select
    alias_key,
    list(distinct organization_name order by organization_name) as organizations
from keyed
group by alias_key
having count(distinct organization_name) > 1 or alias_key = ''
