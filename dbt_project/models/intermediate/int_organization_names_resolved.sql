{#- Resolution order, see the doc block `name_resolution`:
    reference alias by key, reference alias by a typo of it, then the
    remaining keys grouped: a key that is a typo of a more mentioned key
    (a pair of int_organization_key_misspellings) joins it.

    A group is one spelling and its typos, never a chain: a key joins only a
    neighbour that no more mentioned key outranks in its own neighbourhood.
    Merging along every pair (connected components) chained 'a' to 'b' to
    'c' through typos of typos, and on generated corpora of syllable names
    made organisations of hundreds of distinct companies. -#}
with

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
        on {{ is_typo_of_known_name('k.name_key', 'r.alias_key') }}
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

-- the keys left, ranked: most mentioned (all spellings of the key), then longest, then alphabetical
unresolved_keys as (
    select
        name_key,
        row_number() over (order by sum(mention_count) desc, length(name_key) desc, name_key) as key_rank
    from raw_names
    where name_key not in (select name_key from reference_matches)
    group by name_key
),

-- the typo pairs between unresolved keys (int_organization_key_misspellings keeps them between runs)
unresolved_key_edges as (
    select
        a.name_key,
        a.key_rank,
        b.name_key as neighbour_key,
        b.key_rank as neighbour_rank
    from (
        select name_key, unnest(misspelt_keys) as misspelt_key
        from {{ ref('int_organization_key_misspellings') }}
    ) as m
    inner join unresolved_keys as a on a.name_key = m.name_key
    inner join unresolved_keys as b on b.name_key = m.misspelt_key
),

-- a key that none of its typos outranks is the head of a group
outranked_keys as (
    select distinct name_key
    from unresolved_key_edges
    where neighbour_rank < key_rank
),

-- every other key joins its best-ranked neighbour that heads a group; with none, it heads its own
group_heads as (
    select
        k.name_key,
        coalesce(h.neighbour_key, k.name_key) as head_key
    from unresolved_keys as k
    left join (
        select e.name_key, e.neighbour_key
        from unresolved_key_edges as e
        where e.neighbour_rank < e.key_rank
            and e.neighbour_key not in (select name_key from outranked_keys)
        qualify row_number() over (partition by e.name_key order by e.neighbour_rank) = 1
    ) as h on h.name_key = k.name_key
),

-- canonical spelling of a group: the head key's most mentioned spelling, then longest, then alphabetical
unresolved_canonical as (
    select
        n.name_key as head_key,
        n.raw_name as organization_name
    from raw_names as n
    where n.name_key in (select head_key from group_heads)
    qualify row_number() over (
        partition by n.name_key
        order by n.mention_count desc, length(n.raw_name) desc, n.raw_name
    ) = 1
),

unresolved_matches as (
    select
        g.name_key,
        c.organization_name,
        cast(null as varchar) as organization_type,
        g.head_key as organization_key,
        case
            when g.name_key = g.head_key then 'name_key'
            else 'name_key_misspelling'
        end as resolution_method
    from group_heads as g
    inner join unresolved_canonical as c on c.head_key = g.head_key
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
