{#- True when two normalised name keys differ by a typo: same first letter
    and a Levenshtein distance of at most 1 (keys of 5-9 characters) or 2
    (10 characters or more), measured on the shorter key. Keys under 5
    characters never match this way ('meta' vs 'beta'). -#}
{% macro is_small_misspelling(key_a, key_b) -%}
(
    {{ key_a }} <> {{ key_b }}
    and left({{ key_a }}, 1) = left({{ key_b }}, 1)
    and case
        when least(length({{ key_a }}), length({{ key_b }})) >= 10
            then levenshtein({{ key_a }}, {{ key_b }}) <= 2
        when least(length({{ key_a }}), length({{ key_b }})) >= 5
            then levenshtein({{ key_a }}, {{ key_b }}) <= 1
        else false
    end
)
{%- endmacro %}
