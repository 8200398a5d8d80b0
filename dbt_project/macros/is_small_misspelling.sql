{#- True when two normalised name keys differ by a typo: same first two
    letters and a Levenshtein distance of at most 1 (keys of 8-13 characters)
    or 2 (14 characters or more), measured on the shorter key. Shorter keys
    never match this way: 'quantex' and 'quantix', 'meta' and 'beta' are as
    likely two companies as one misspelt (measured on a generated corpus of
    2,500 syllable names, a 5-character threshold merged them into 594).
    Digits are never a typo: 'Atlas 12' and 'Atlas 13' are two names (merging
    such series made one organisation of thousands and the clustering quadratic).

    The rule is split in two so that a self-join over tens of thousands of
    keys can use the first part as a hash key: `misspelling_block` (two keys
    can only be a typo of each other when their blocks are equal) and
    `within_misspelling_distance` (the distance itself, which also implies
    lengths at most 2 apart). -#}
{% macro is_small_misspelling(key_a, key_b) -%}
(
    {{ key_a }} <> {{ key_b }}
    and {{ misspelling_block(key_a) }} = {{ misspelling_block(key_b) }}
    and {{ within_misspelling_distance(key_a, key_b) }}
)
{%- endmacro %}

{% macro misspelling_block(key) -%}
(left({{ key }}, 2) || '|' || regexp_replace({{ key }}, '[^0-9]', '', 'g'))
{%- endmacro %}

{% macro within_misspelling_distance(key_a, key_b) -%}
case
    when least(length({{ key_a }}), length({{ key_b }})) >= 14
        then levenshtein({{ key_a }}, {{ key_b }}) <= 2
    when least(length({{ key_a }}), length({{ key_b }})) >= 8
        then levenshtein({{ key_a }}, {{ key_b }}) <= 1
    else false
end
{%- endmacro %}
