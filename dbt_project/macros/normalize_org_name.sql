{#- The key under which spellings of one organisation meet: lowercase,
    accents stripped, punctuation and symbols to spaces, trailing legal
    suffixes and leading articles removed, spaces collapsed.
    'L’Oréal S.A.' -> 'oreal'; 'Scale AI, Inc.' -> 'scale ai'. -#}
{% macro normalize_org_name(expr) -%}
trim(regexp_replace(
    regexp_replace(
        trim(regexp_replace(
            regexp_replace(strip_accents(lower({{ expr }})), '[\p{P}\p{S}_]', ' ', 'g'),
            '\s+', ' ', 'g'
        )),
        '(\s(inc|ltd|llc|sa|sas|sarl|corp|corporation|gmbh|plc|ag|co))+$', '', 'g'
    ),
    '^((the|le|la|l)\s)+', '', 'g'
))
{%- endmacro %}
