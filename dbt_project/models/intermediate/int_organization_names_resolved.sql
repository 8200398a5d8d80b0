{#- Resolution order, see the doc block `name_resolution`:
    reference alias by key, reference alias by small misspelling, then
    unresolved keys grouped (with misspellings merged among themselves, along
    the pairs of int_organization_key_misspellings). -#}
with recursive

raw_names as (
    select * from {{ ref('int_organization_name_keys') }}
),

reference_aliases as (
    select * from {{ ref('stg_reference__organization_aliases') }}
),

-- every reference spelling, the canonical name included, under its key
reference_keys_all as (
    select
        organization_name,
        organization_type,
        {{ normalize_org_name('alias') }} as alias_key
    from reference_aliases
    union
    select
        organization_name,
        organization_type,
        {{ normalize_org_name('organization_name') }} as alias_key
    from reference_aliases
),

-- one organisation per key (a collision is a seed error, tested separately):
-- the one whose own name has that key, then alphabetical
reference_keys as (
    select
        alias_key,
        organization_name,
        organization_type,
        {{ normalize_org_name('organization_name') }} as organization_key
    from reference_keys_all
    where alias_key <> ''
    qualify row_number() over (
        partition by alias_key
        order by ({{ normalize_org_name('organization_name') }} = alias_key) desc, organization_name
    ) = 1
),

distinct_keys as (
    select distinct name_key from raw_names
),

exact_matches as (
    select
        k.name_key,
        r.organization_name,
        r.organization_type,
        r.organization_key,
        'reference_alias' as resolution_method
    from distinct_keys as k
    inner join reference_keys as r on r.alias_key = k.name_key
),

fuzzy_matches as (
    select
        k.name_key,
        r.organization_name,
        r.organization_type,
        r.organization_key,
        'reference_alias_misspelling' as resolution_method
    from distinct_keys as k
    inner join reference_keys as r
        on {{ is_small_misspelling('k.name_key', 'r.alias_key') }}
    where k.name_key not in (select name_key from exact_matches)
    qualify row_number() over (
        partition by k.name_key
        order by levenshtein(k.name_key, r.alias_key), r.organization_name, r.alias_key
    ) = 1
),

reference_matches as (
    select * from exact_matches
    union all
    select * from fuzzy_matches
),

unresolved_keys as (
    select name_key as node_id
    from distinct_keys
    where name_key not in (select name_key from reference_matches)
),

-- the typo pairs between unresolved keys (int_organization_key_misspellings keeps them between runs)
unresolved_key_edges as (
    select m.name_key as node_a, m.misspelt_key as node_b
    from (
        select name_key, unnest(misspelt_keys) as misspelt_key
        from {{ ref('int_organization_key_misspellings') }}
    ) as m
    inner join unresolved_keys as a on a.node_id = m.name_key
    inner join unresolved_keys as b on b.node_id = m.misspelt_key
),

{{ connected_components('unresolved_groups', 'unresolved_keys', 'unresolved_key_edges') }},

-- canonical spelling of a group: most mentioned, then longest, then alphabetical
unresolved_canonical as (
    select
        g.label as group_label,
        n.raw_name as organization_name,
        n.name_key as organization_key
    from raw_names as n
    inner join unresolved_groups as g on g.node_id = n.name_key
    qualify row_number() over (
        partition by g.label
        order by n.mention_count desc, length(n.raw_name) desc, n.raw_name
    ) = 1
),

unresolved_matches as (
    select
        g.node_id as name_key,
        c.organization_name,
        cast(null as varchar) as organization_type,
        c.organization_key,
        case
            when g.node_id = c.organization_key then 'name_key'
            else 'name_key_misspelling'
        end as resolution_method
    from unresolved_groups as g
    inner join unresolved_canonical as c on c.group_label = g.label
),

key_matches as (
    select * from reference_matches
    union all
    select * from unresolved_matches
),

final as (
    select
        n.raw_name,
        n.name_key,
        {{ organization_id('m.organization_key') }} as organization_id,
        m.organization_name,
        m.organization_type,
        m.resolution_method,
        n.mention_count
    from raw_names as n
    inner join key_matches as m on m.name_key = n.name_key
)

select * from final
