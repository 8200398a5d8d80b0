{#- One row per real-world event: the values its sources state, reconciled
    (see the doc blocks `stated_value_choice` and `has_conflict`).

    Incremental: an event is a function of its candidates' rows in
    int_candidate_facts_clustered alone, and those rows are summed up by
    `candidates_hash` (each candidate's id, its `input_hash`, which covers its
    whole resolved row and investors, and its phase 1 cluster). A run
    reconciles again only the events whose hash is new, replaces their rows,
    and the post-hook drops the events that are gone. The result equals a full
    refresh (tests/test_dbt_incremental.py). -#}
{{
    config(
        materialized='incremental',
        unique_key='event_id',
        post_hook="{{ delete_rows_gone('event_id', ref('int_candidate_facts_clustered')) }}"
    )
}}
with event_hashes as (
    select
        event_id,
        -- order-free and of constant size per event (a list per event ran out of memory at 100,000
        -- articles); no two rows share a candidate id, so none cancels another
        bit_xor(hash(candidate_id, input_hash, phase1_cluster_id)) as candidates_hash
    from {{ ref('int_candidate_facts_clustered') }}
    group by event_id
),

{% if is_incremental() %}
changed_events as (
    {{ keys_with_new_hash('event_hashes', 'event_id', 'candidates_hash') }}
),
{% endif %}

-- what reconciling reads: neither the quotes nor the spellings as written, which the CTE, read many times
-- and so materialised, would otherwise carry
candidates as (
    select
        c.* exclude (quote, sentence_index, char_start, char_end, subject_raw_name, counterparty_raw_name,
                     input_hash),
        coalesce(c.amount_usd, c.amount) as amount_compared,
        case when c.amount_usd is not null then 'USD' else c.currency end as amount_compared_unit,
        coalesce(c.valuation_usd, c.valuation) as valuation_compared,
        case when c.valuation_usd is not null then 'USD' else c.valuation_currency end as valuation_compared_unit
    from {{ ref('int_candidate_facts_clustered') }} as c
    {% if is_incremental() %}
    semi join changed_events using (event_id)
    {% endif %}
),

amount_choice as (
    {{ modal_stated_value('candidates', 'amount', 'currency') }}
),

valuation_choice as (
    {{ modal_stated_value('candidates', 'valuation', 'valuation_currency') }}
),

stake_choice as (
    {{ modal_stated_value('candidates', 'stake_pct') }}
),

round_choice as (
    select event_id, round_type
    from candidates
    where round_type is not null
    group by event_id, round_type
    qualify row_number() over (
        partition by event_id
        order by count(*) desc, count(distinct document_id) desc, round_type
    ) = 1
),

counterparty_choice as (
    select event_id, counterparty_id, counterparty_name
    from candidates
    where counterparty_id is not null
    group by event_id, counterparty_id, counterparty_name
    qualify row_number() over (
        partition by event_id
        order by count(*) desc, count(distinct document_id) desc, counterparty_name
    ) = 1
),

date_choice as (
    select event_id, event_date, event_date_precision
    from candidates
    where event_date is not null
    qualify row_number() over (
        partition by event_id
        order by {{ date_precision_rank('event_date_precision') }}, event_date, candidate_id
    ) = 1
),

description_choice as (
    select event_id, description
    from candidates
    where description is not null
    qualify row_number() over (
        partition by event_id
        order by length(description) desc, description
    ) = 1
),

-- spread of comparable values: amounts and valuations per comparison unit
amount_spreads as (
    select
        event_id,
        bool_or(max_value - min_value > 0.02 * greatest(abs(max_value), abs(min_value))) as amounts_disagree
    from (
        select event_id, amount_compared_unit, max(amount_compared) as max_value, min(amount_compared) as min_value
        from candidates
        where amount_compared is not null
        group by event_id, amount_compared_unit
    )
    group by event_id
),

valuation_spreads as (
    select
        event_id,
        bool_or(max_value - min_value > 0.02 * greatest(abs(max_value), abs(min_value))) as valuations_disagree
    from (
        select event_id, valuation_compared_unit, max(valuation_compared) as max_value, min(valuation_compared) as min_value
        from candidates
        where valuation_compared is not null
        group by event_id, valuation_compared_unit
    )
    group by event_id
),

events as (
    select
        event_id,
        any_value(fact_kind) as fact_kind,
        min(candidate_id) as event_anchor_candidate_id,
        any_value(subject_id) as subject_id,
        any_value(subject_name) as subject_name,
        list(distinct document_id order by document_id) as document_ids,
        count(*) as candidate_count,
        coalesce(
            max(stake_pct) - min(stake_pct) > 0.02 * greatest(abs(max(stake_pct)), abs(min(stake_pct))),
            false
        ) as stakes_disagree,
        count(distinct lower(round_type)) > 1 as round_types_disagree,
        coalesce(max(event_period_start) >= min(event_period_end), false) as dates_disagree,
        count(distinct counterparty_id) > 1 as counterparties_disagree
    from candidates
    group by event_id
),

stated_lists as (
    select
        c.event_id,
        list(distinct c.amount order by c.amount)
            filter (where c.amount is not null and c.currency is not distinct from a.unit) as amounts_stated,
        list(distinct c.valuation order by c.valuation)
            filter (where c.valuation is not null and c.valuation_currency is not distinct from v.unit) as valuations_stated
    from candidates as c
    left join amount_choice as a on a.event_id = c.event_id
    left join valuation_choice as v on v.event_id = c.event_id
    group by c.event_id
),

reconciled as (
    select
        e.event_id,
        e.fact_kind,
        e.event_anchor_candidate_id,
        e.subject_id,
        e.subject_name,
        cp.counterparty_id,
        cp.counterparty_name,
        r.round_type,
        a.value as amount,
        a.unit as currency,
        ac.amount_usd,
        ac.amount_qualifier,
        coalesce(l.amounts_stated, []::double[]) as amounts_stated,
        s.value as stake_pct,
        v.value as valuation,
        v.unit as valuation_currency,
        vc.valuation_usd,
        coalesce(l.valuations_stated, []::double[]) as valuations_stated,
        d.event_date,
        d.event_date_precision,
        dc.description,
        len(e.document_ids) as source_count,
        e.document_ids,
        e.candidate_count,
        list_filter(
            [
                case when coalesce(asp.amounts_disagree, false) then 'amount' end,
                case when coalesce(vsp.valuations_disagree, false) then 'valuation' end,
                case when e.stakes_disagree then 'stake_pct' end,
                case when e.round_types_disagree then 'round_type' end,
                case when e.dates_disagree then 'event_date' end,
                case when e.counterparties_disagree then 'counterparty' end
            ],
            lambda field: field is not null
        ) as conflicting_fields
    from events as e
    left join counterparty_choice as cp on cp.event_id = e.event_id
    left join round_choice as r on r.event_id = e.event_id
    left join amount_choice as a on a.event_id = e.event_id
    left join candidates as ac on ac.candidate_id = a.candidate_id
    left join valuation_choice as v on v.event_id = e.event_id
    left join candidates as vc on vc.candidate_id = v.candidate_id
    left join stake_choice as s on s.event_id = e.event_id
    left join date_choice as d on d.event_id = e.event_id
    left join description_choice as dc on dc.event_id = e.event_id
    left join stated_lists as l on l.event_id = e.event_id
    left join amount_spreads as asp on asp.event_id = e.event_id
    left join valuation_spreads as vsp on vsp.event_id = e.event_id
),

final as (
    select
        r.*,
        len(r.conflicting_fields) > 0 as has_conflict,
        h.candidates_hash
    from reconciled as r
    inner join event_hashes as h on h.event_id = r.event_id
)

select * from final
