{#- A condition on `column` (a document id) that keeps the documents changed since the last build whose
    tests all passed, when the run says so (DEALWIRE_CHECK_CHANGED_DOCUMENTS_ONLY=1), and every document
    otherwise. For the tests that read the texts: in a small build, every other document is as a build
    whose tests passed checked it (raw.changed_documents, kept by the Python side, says which).

    The ids are written into the query as a list, which DuckDB checks in the scan itself, before it
    reads the other columns of a block: the texts of the blocks without a changed document are never
    read. Checking them against a subquery instead read every text (0.5 s at 100,000 articles).

    The switch is an environment variable read at run time, not a dbt var: a var that differs from the
    last parse's makes dbt parse the whole project again (3.4 s), as every small build after a larger
    one would. -#}
{% macro changed_documents_only(column) -%}
    {#- the raw tables' database: dbt's own, or the build database attached beside it -#}
    {%- set raw_documents = source('raw', 'documents') -%}
    {%- if execute and env_var('DEALWIRE_CHECK_CHANGED_DOCUMENTS_ONLY', '') == '1' -%}
        {%- set changed = api.Relation.create(database=raw_documents.database, schema=raw_documents.schema,
                                              identifier='changed_documents') -%}
        {%- set ids = run_query('select document_id from ' ~ changed ~ ' order by 1').columns[0].values() -%}
        list_contains([
            {%- for id in ids -%}
                '{{ id | replace("'", "''") }}'{{ ", " if not loop.last }}
            {%- endfor -%}
        ]::varchar[], {{ column }})
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}
