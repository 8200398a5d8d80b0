{#- When two normalised name keys are taken for one name misspelt.

    Between names no reference knows (`is_small_misspelling`): same first two
    letters, same digits, and either the same letters spaced differently
    ('hugging face', 'huggingface') or the same words but one, that word
    a typo of the other: its plural ('dynamic', 'dynamics'), or one edit in a
    word of 8-13 letters, two from 14 letters, none in a shorter word. The edit budget is the word's, not the
    whole key's: measured on the whole key, a generic word ('robotics',
    'labs') lengthened 'bryorex robotics' and 'bryoriq robotics' enough to
    allow two edits inside the 7-letter part that tells them apart, and on a
    100,000-article corpus one "organisation" gathered 182 names. A short
    word is never a typo: 'quantex' and 'quantix', 'meta' and 'beta' are as
    likely two companies as one misspelt (on 2,500 generated syllable names a
    5-letter threshold merged them into 594). Digits are never a typo:
    'Atlas 12' and 'Atlas 13' are two names.

    Against a reference alias (`is_typo_of_known_name`) the whole key counts:
    one edit from 8 characters, two from 14 ('scalle ai' is 'Scale AI'). The
    reference holds a few thousand well-known names, so an unknown company
    one letter away from one of them is rarer than a misspelling of it.

    The rule between unknown names is split in two so that a self-join over
    tens of thousands of keys can use the first part as a hash key:
    `misspelling_block` (two keys can only be a typo of each other when
    their blocks are equal) and `within_misspelling_distance` (the rest,
    which also implies lengths at most 2 apart). -#}
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
(
    levenshtein({{ key_a }}, {{ key_b }}) <= 2
    and (
        replace({{ key_a }}, ' ', '') = replace({{ key_b }}, ' ', '')
        or (
            len(string_split({{ key_a }}, ' ')) = len(string_split({{ key_b }}, ' '))
            and len({{ differing_words(key_a, key_b) }}) = 1
            and {{ is_word_typo(differing_words(key_a, key_b) ~ '[1][1]', differing_words(key_a, key_b) ~ '[1][2]') }}
        )
    )
)
{%- endmacro %}

{% macro is_typo_of_known_name(key, alias_key) -%}
(
    {{ key }} <> {{ alias_key }}
    and {{ misspelling_block(key) }} = {{ misspelling_block(alias_key) }}
    and levenshtein({{ key }}, {{ alias_key }})
        <= {{ typo_budget('least(length(' ~ key ~ '), length(' ~ alias_key ~ '))') }}
)
{%- endmacro %}

{#- the (word of a, word of b) pairs at which two keys of as many words differ -#}
{% macro differing_words(key_a, key_b) -%}
list_filter(list_zip(string_split({{ key_a }}, ' '), string_split({{ key_b }}, ' ')), p -> p[1] <> p[2])
{%- endmacro %}

{#- two different words that are one misspelt: a plural ('dynamic', 'dynamics') or within the typo budget
    of the shorter -#}
{% macro is_word_typo(word_a, word_b) -%}
(
    {{ word_a }} || 's' = {{ word_b }}
    or {{ word_b }} || 's' = {{ word_a }}
    or levenshtein({{ word_a }}, {{ word_b }})
        <= {{ typo_budget('least(length(' ~ word_a ~ '), length(' ~ word_b ~ '))') }}
)
{%- endmacro %}

{#- edits allowed in a string of `n_chars` characters -#}
{% macro typo_budget(n_chars) -%}
(case when {{ n_chars }} >= 14 then 2 when {{ n_chars }} >= 8 then 1 else 0 end)
{%- endmacro %}
