-- Each currency has a rate for every year from its first to the table's last,
-- so the clamp in int_candidate_facts_resolved never skips a gap.
with rates as (
    select * from {{ ref('stg_reference__fx_rates') }}
),

bounds as (
    select
        currency,
        min(year) as first_year,
        (select max(year) from rates) as last_year,
        count(*) as n_years
    from rates
    group by currency
)

select *
from bounds
where n_years <> last_year - first_year + 1
