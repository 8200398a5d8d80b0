{#- Each candidate fact with its organisations resolved and its amounts in USD.

    Incremental: a candidate's row depends on its extracted row, its
    document's date, how its two names resolve and the rates (a change of the
    rates is a change of the dbt project, hence a full refresh). All of it but
    the quote is summed up by `resolution_hash`; the quote is the text at the
    candidate's offsets in its document, whose id is the hash of its text, so
    the offsets stand for it. A run writes again only the candidates whose hash
    is new, and the post-hook drops those that are gone. The result equals a
    full refresh (tests/test_dbt_incremental.py). -#}
{{
    config(
        materialized='incremental',
        unique_key='candidate_id',
        post_hook="{{ delete_rows_gone('candidate_id', ref('stg_raw__candidate_facts')) }}"
    )
}}
with candidate_facts as (
    select * exclude (quote) from {{ ref('stg_raw__candidate_facts') }}
),

quotes as (
    select candidate_id, quote from {{ ref('stg_raw__candidate_facts') }}
),

documents as (
    select document_id, published_at from {{ ref('stg_raw__documents') }}
),

organizations as (
    select * from {{ ref('int_organization_names_resolved') }}
),

fx_rates as (
    select * from {{ ref('stg_reference__fx_rates') }}
),

fx_years as (
    select currency, min(year) as first_year, max(year) as last_year
    from fx_rates
    group by currency
),

-- the year whose rate converts a candidate's amounts: the event's, else the
-- document's publication year, else the latest year of the table; clamped
-- to the years the table covers for that currency
candidates as (
    select
        c.*,
        coalesce(c.valuation_currency, c.currency) as valuation_currency_or_amount_currency,
        coalesce(year(c.event_date), year(d.published_at)) as stated_year,
        d.published_at
    from candidate_facts as c
    left join documents as d on d.document_id = c.document_id
),

converted as (
    select
        c.*,
        case when ay.currency is not null then
            greatest(least(coalesce(c.stated_year, ay.last_year), ay.last_year), ay.first_year)
        end as amount_rate_year,
        case when vy.currency is not null then
            greatest(least(coalesce(c.stated_year, vy.last_year), vy.last_year), vy.first_year)
        end as valuation_rate_year
    from candidates as c
    left join fx_years as ay on ay.currency = c.currency
    left join fx_years as vy on vy.currency = c.valuation_currency_or_amount_currency
),

resolved as (
    select
        c.candidate_id,
        c.document_id,
        c.fact_kind,
        c.subject_name as subject_raw_name,
        s.organization_id as subject_id,
        s.organization_name as subject_name,
        c.counterparty_name as counterparty_raw_name,
        p.organization_id as counterparty_id,
        p.organization_name as counterparty_name,
        c.round_type,
        c.amount,
        c.amount_low,
        c.amount_high,
        c.currency,
        c.amount_qualifier,
        c.amount * ar.usd_per_unit as amount_usd,
        c.amount_rate_year,
        c.stake_pct,
        c.valuation,
        case when c.valuation is not null then c.valuation_currency_or_amount_currency end as valuation_currency,
        c.valuation * vr.usd_per_unit as valuation_usd,
        c.event_date,
        case when c.event_date is not null then coalesce(c.event_date_precision, 'day') end as event_date_precision,
        c.event_date as event_period_start,
        {{ event_period_end('c.event_date', "coalesce(c.event_date_precision, 'day')") }} as event_period_end,
        c.published_at,
        c.description,
        c.sentence_index,
        c.char_start,
        c.char_end
    from converted as c
    left join organizations as s on s.raw_name = c.subject_name
    left join organizations as p on p.raw_name = c.counterparty_name
    left join fx_rates as ar on ar.currency = c.currency and ar.year = c.amount_rate_year
    left join fx_rates as vr
        on vr.currency = c.valuation_currency_or_amount_currency
        and vr.year = c.valuation_rate_year
),

hashed as (
    select r.*, hash(r) as resolution_hash
    from resolved as r
),

{% if is_incremental() %}
changed as (
    {{ keys_with_new_hash('hashed', 'candidate_id', 'resolution_hash') }}
),
{% endif %}

final as (
    select
        h.* exclude (resolution_hash),
        q.quote,
        h.resolution_hash
    from hashed as h
    {% if is_incremental() %}
    semi join changed using (candidate_id)
    {% endif %}
    inner join quotes as q on q.candidate_id = h.candidate_id
)

select * from final
