{#- The two tests of deduplication between candidates `a` and `b` of one kind
    and subject (columns round_key, amount_compared(_unit),
    valuation_compared(_unit), event_period_start/_end, fact_kind,
    counterparty_id). Both may be null where a term is missing: callers
    coalesce them to false. -#}

{#- They state something that makes them one event: the same amount (within
    the tolerance, in one unit), overlapping periods or the same round. -#}
{% macro candidates_agree_on_terms(a, b) -%}
(
    ({{ a }}.amount_compared is not null and {{ b }}.amount_compared is not null
        and {{ a }}.amount_compared_unit is not distinct from {{ b }}.amount_compared_unit
        and {{ relative_gap(a ~ '.amount_compared', b ~ '.amount_compared') }} <= 0.25)
    or ({{ a }}.event_period_start < {{ b }}.event_period_end
        and {{ b }}.event_period_start < {{ a }}.event_period_end)
    or {{ a }}.round_key = {{ b }}.round_key
)
{%- endmacro %}

{#- They state something that makes them two events: another round, another
    amount or valuation in one unit, periods more than a month apart, another
    counterparty of a contract or loss. A month's slack: articles date one deal
    by its signature, its notification or its announcement ("fin septembre",
    "notifié le 2 octobre"). -#}
{% macro candidates_conflict(a, b) -%}
(
    {{ a }}.round_key <> {{ b }}.round_key
    or ({{ a }}.amount_compared_unit is not distinct from {{ b }}.amount_compared_unit
        and {{ relative_gap(a ~ '.amount_compared', b ~ '.amount_compared') }} > 0.25)
    or ({{ a }}.valuation_compared_unit is not distinct from {{ b }}.valuation_compared_unit
        and {{ relative_gap(a ~ '.valuation_compared', b ~ '.valuation_compared') }} > 0.25)
    or ({{ a }}.event_period_start is not null and {{ b }}.event_period_start is not null
        and not ({{ a }}.event_period_start < {{ b }}.event_period_end + interval 31 day
            and {{ b }}.event_period_start < {{ a }}.event_period_end + interval 31 day))
    or ({{ a }}.fact_kind in ('contract', 'customer_loss') and {{ a }}.counterparty_id <> {{ b }}.counterparty_id)
)
{%- endmacro %}
