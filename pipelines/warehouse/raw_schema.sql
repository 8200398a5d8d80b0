-- The tables that the Python assets write and dbt reads as sources (schema `raw`).
-- They live in the private build database; they are the extraction cache too:
-- rows are keyed by document and replaced when a document's content changes.
create schema if not exists raw;

-- No table here has a primary key. Their rows are written by code that keeps them unique (the merge of
-- documents_store.sync_documents; stages.replace_rows, which swaps a document's rows whole in one
-- transaction), and dbt's tests on the sources check uniqueness before anything is published. DuckDB writes a
-- changed index out whole at each checkpoint: at 100,000 articles the index on raw.documents made the
-- checkpoint after adding ten articles cost 1.5-2.5 s, and those of the extraction tables about 0.45 s per
-- stored wave of 2,500 articles (measured).
create table if not exists raw.documents (
    document_id        varchar not null,     -- unique; 'doc_' || first 16 hex digits of content_sha256
    content_sha256     varchar not null,     -- sha256 of the cleaned text (UTF-8)
    source_path        varchar not null,     -- first of its paths in sort order, relative to the source folder
    title              varchar,
    language           varchar,              -- 'fr', 'en' or null
    published_at       date,
    url                varchar,
    source             varchar,
    n_chars            integer not null,
    text               varchar not null,     -- the cleaned text that every offset refers to
    ingested_at        timestamp not null,   -- when this content was first seen; stable across re-runs
    extractor_version  varchar not null
);

create table if not exists raw.document_paths (
    source_path        varchar not null,     -- unique; relative to the source folder, POSIX separators
    document_id        varchar not null,
    file_sha256        varchar not null,     -- sha256 of the file's bytes
    size_bytes         bigint not null
);

create table if not exists raw.rejected_inputs (
    source_path        varchar not null,     -- unique
    reason             varchar not null,
    file_sha256        varchar,
    detected_at        timestamp not null    -- first time this file was rejected for this content
);

-- Added after the first release, hence at the end: what the file looked like on disk (size, mtime, inode,
-- and its sidecar's), so that an unchanged file is not read again.
alter table raw.document_paths add column if not exists stat_key varchar;
alter table raw.rejected_inputs add column if not exists stat_key varchar;

create table if not exists raw.sentences (
    document_id        varchar not null,
    sentence_index     integer not null,
    paragraph_index    integer not null,
    char_start         integer not null,     -- 0-based, end exclusive, into raw.documents.text
    char_end           integer not null,
    has_cue            boolean not null      -- a deal cue is present: only these sentences are analysed further
    -- (document_id, sentence_index) is unique: a document's rows are only ever replaced whole, in one
    -- transaction (stages.replace_rows). No primary key: at 100,000 articles its index over six million
    -- sentences doubled the cost of storing them, in the one process that writes.
);

-- Earlier releases stored each sentence's text as well: the same characters as raw.documents.text, a
-- third of the warehouse at 100,000 articles (230 of 720 MB), copied by every publication. The view
-- below cuts it from the document instead.
alter table raw.sentences drop column if exists text;

create view if not exists raw.sentence_texts as
select s.*, substring(d.text, s.char_start + 1, s.char_end - s.char_start) as text
from raw.sentences as s
inner join raw.documents as d on d.document_id = s.document_id;

create table if not exists raw.mentions (
    document_id        varchar not null,
    sentence_index     integer not null,
    mention_index      integer not null,
    mention_type       varchar not null,     -- money, percent, date, organization, person, cue
    char_start         integer not null,
    char_end           integer not null,
    text               varchar not null,
    label              varchar,              -- cue: its kind; organization: its name as resolved in the document
    amount             double,
    amount_low         double,
    amount_high        double,
    currency           varchar,
    qualifier          varchar,
    date_value         date,
    date_precision     varchar
    -- (document_id, sentence_index, mention_index) is unique, as for raw.sentences, without an index
);

create table if not exists raw.candidate_facts (
    candidate_id         varchar not null,    -- unique; document_id || ':' || ordinal within the document
    document_id          varchar not null,
    fact_kind            varchar not null,    -- funding_round, contract, customer_loss
    subject_name         varchar not null,    -- funding: company that receives the money; contract, loss: supplier
    counterparty_name    varchar,             -- contract, loss: customer; null for funding
    round_type           varchar,             -- Pre-seed, Seed, Series A .. Series J, strategic, or null
    amount               double,
    amount_low           double,
    amount_high          double,
    currency             varchar,
    amount_qualifier     varchar,             -- approx, at_least, at_most, or null
    stake_pct            double,
    valuation            double,
    valuation_currency   varchar,
    event_date           date,
    event_date_precision varchar,             -- day, month, quarter, season, half, year
    description          varchar,             -- contract: what is bought; loss: the reason given
    sentence_index       integer not null,
    char_start           integer not null,    -- evidence span in raw.documents.text
    char_end             integer not null,
    quote                varchar not null
);

create table if not exists raw.candidate_fact_investors (
    candidate_id       varchar not null,
    investor_name      varchar not null,
    is_lead            boolean not null
    -- (candidate_id, investor_name) is unique
);

-- Which stage has processed which document, with which extractor version: a
-- document whose content or extractor changed is processed again, any other is not.
create table if not exists raw.stage_progress (
    stage              varchar not null,     -- extraction
    document_id        varchar not null,
    extractor_version  varchar not null
    -- (stage, document_id) is unique
);

-- The documents whose rows the Python side wrote or removed since dbt's last successful build of the whole
-- project (pipelines/warehouse/build_state.py): what a small build's tests that read the texts look at, the
-- rest being what a build whose tests all passed already checked.
create table if not exists raw.changed_documents (
    document_id        varchar not null
    -- unique
);
