{#- End (exclusive) of the period that a date of the given precision stands
    for: 2025-06-01 with precision 'month' covers [2025-06-01, 2025-07-01).
    A date without a precision is read as a day. -#}
{% macro event_period_end(date_expr, precision_expr) -%}
cast(
    case {{ precision_expr }}
        when 'month' then {{ date_expr }} + interval 1 month
        when 'quarter' then {{ date_expr }} + interval 3 month
        when 'season' then {{ date_expr }} + interval 3 month
        when 'half' then {{ date_expr }} + interval 6 month
        when 'year' then {{ date_expr }} + interval 1 year
        else {{ date_expr }} + interval 1 day
    end
    as date
)
{%- endmacro %}

{#- Rank of a date precision, most precise first: day > month >
    quarter = season > half > year; unknown precisions last. -#}
{% macro date_precision_rank(precision_expr) -%}
case {{ precision_expr }}
    when 'day' then 1
    when 'month' then 2
    when 'quarter' then 3
    when 'season' then 3
    when 'half' then 4
    when 'year' then 5
    else 6
end
{%- endmacro %}
