{#- True when two normalised name keys differ by a typo: same first two
    letters and a Levenshtein distance of at most 1 (keys of 8-13 characters)
    or 2 (14 characters or more), measured on the shorter key. Shorter keys
    never match this way: 'quantex' and 'quantix', 'meta' and 'beta' are as
    likely two companies as one misspelt (measured on a generated corpus of
    2,500 syllable names, a 5-character threshold merged them into 594).
    Digits are never a typo: 'Atlas 12' and 'Atlas 13' are two names (merging
    such series made one organisation of thousands and the clustering quadratic). -#}
{% macro is_small_misspelling(key_a, key_b) -%}
(
    {{ key_a }} <> {{ key_b }}
    and left({{ key_a }}, 2) = left({{ key_b }}, 2)
    and regexp_replace({{ key_a }}, '[^0-9]', '', 'g') = regexp_replace({{ key_b }}, '[^0-9]', '', 'g')
    and case
        when least(length({{ key_a }}), length({{ key_b }})) >= 14
            then levenshtein({{ key_a }}, {{ key_b }}) <= 2
        when least(length({{ key_a }}), length({{ key_b }})) >= 8
            then levenshtein({{ key_a }}, {{ key_b }}) <= 1
        else false
    end
)
{%- endmacro %}
