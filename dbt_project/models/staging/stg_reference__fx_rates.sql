with source as (
    select * from {{ ref('ref_fx_rates') }}
),

final as (
    select
        upper(cast(currency as varchar)) as currency,
        cast(year as integer) as year,
        cast(usd_per_unit as double) as usd_per_unit,
        cast(source as varchar) as source
    from source
)

select * from final
