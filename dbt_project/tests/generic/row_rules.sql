{#- Fails with one row per rule that rows of the model break: the rule and how many rows break it.

    Every rule that looks at one row at a time is checked by this one test per model: a column holds
    a value (`not_null`), holds one of its accepted values (`accepted_values`, column -> values; a null
    is for `not_null` to judge, as with dbt's accepted_values), an expression is true (`expressions`;
    one about a single column is written {column: ..., expression: ...} so that the data dictionary
    lists it on that column). One dbt test per rule would be a node per rule, each with dbt's own
    bookkeeping, a query and a Dagster check event whatever the table's size, and a model has up to
    twenty such rules. Measured on an incremental build of 100,000 articles with nothing new: 97 nodes
    instead of 136, dbt's elapsed time 8.2 s instead of 8.5.

    The accepted values and expressions share one scan. Each `not_null` rule is a query of its own,
    `where column is null`: DuckDB answers it from the column's statistics without reading a value
    when the column holds no null, whereas a count in the shared scan reads every value. For the texts
    of 100,000 documents that was 0.5 s of each test on them, for a check that costs nothing.

    With `only_changed_documents`, a small build checks the shared scan's rules on the documents it
    changed (macro changed_documents_only; the model has a `document_id`): for rules that read the
    texts, whose rows never change for a document that a build whose tests passed has checked. -#}
{% test row_rules(model, not_null=[], accepted_values={}, expressions=[], only_changed_documents=false) %}
{%- set rules = [] -%}
{%- for column, values in accepted_values.items() -%}
    {%- set quoted = [] -%}
    {%- for value in values -%}
        {%- do quoted.append("'" ~ (value | string | replace("'", "''")) ~ "'") -%}
    {%- endfor -%}
    {%- do rules.append(("accepted values: " ~ column, column ~ " not in (" ~ quoted | join(", ") ~ ")")) -%}
{%- endfor -%}
{%- for item in expressions -%}
    {%- set expression = item.expression if item is mapping else item -%}
    {%- do rules.append(("expression is true: " ~ expression, "not coalesce((" ~ expression ~ "), false)")) -%}
{%- endfor -%}
{%- if not rules and not not_null -%}
    {{ exceptions.raise_compiler_error("row_rules on " ~ model ~ " names no rule") }}
{%- endif -%}

{%- if rules %}
with counted as (
    select
    {%- for name, breaks in rules %}
        count(*) filter (where {{ breaks }}) as "{{ name | replace('"', '""') }}"{{ "," if not loop.last }}
    {%- endfor %}
    from {{ model }}
    {%- if only_changed_documents %}
    where {{ changed_documents_only('document_id') }}
    {%- endif %}
),

rules as (
    unpivot counted on columns(*) into name rule value failing_rows
)

select rule, failing_rows
from rules
where failing_rows > 0
{%- endif %}
{%- for column in not_null %}
{{ "union all" if rules or not loop.first }}
select 'not null: {{ column | replace("'", "''") }}' as rule, count(*) as failing_rows
from {{ model }}
where {{ column }} is null
having count(*) > 0
{%- endfor %}

{% endtest %}
