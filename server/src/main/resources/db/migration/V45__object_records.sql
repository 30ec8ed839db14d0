-- Custom objects (issue 17), the records: what ingestion made of data source records through the current schemas
-- (V44), their links to profiles and to other object types' records, the ingestion log, the raw records waiting for
-- a current schema, and the bulk jobs' submitted records. docs/compatibility.md, "Custom objects: records and
-- ingestion", holds the decisions. Deleting an object type or a data source takes what hangs on it along.
create table object_record (
    account_id     text        not null,
    object_type_id text        not null,
    record_id      text        not null, -- the value at the mapping's id_path, as text
    properties     jsonb       not null, -- record_properties as shown: {"age": 3}, by property name
    created        timestamptz not null,
    updated        timestamptz not null,
    primary key (account_id, object_type_id, record_id),
    foreign key (account_id, object_type_id) references object_type (account_id, id) on delete cascade
);

-- A record's links to profiles, by the schema relationship (its id stays across schema versions) that made them.
create table object_record_profile (
    account_id      text not null,
    object_type_id  text not null,
    record_id       text not null,
    relationship_id text not null,
    profile_id      text not null,
    primary key (account_id, object_type_id, record_id, relationship_id, profile_id),
    foreign key (account_id, object_type_id, record_id) references object_record (account_id, object_type_id, record_id)
        on delete cascade,
    foreign key (account_id, profile_id) references profile (account_id, id) on delete cascade
);
create index object_record_profile_by_profile on object_record_profile (account_id, profile_id);

-- A record's links to records of another object type; the related record need not exist (yet).
create table object_record_link (
    account_id             text not null,
    object_type_id         text not null,
    record_id              text not null,
    relationship_id        text not null,
    related_object_type_id text not null,
    related_record_id      text not null,
    primary key (account_id, object_type_id, record_id, relationship_id, related_object_type_id, related_record_id),
    foreign key (account_id, object_type_id, record_id) references object_record (account_id, object_type_id, record_id)
        on delete cascade,
    foreign key (account_id, related_object_type_id) references object_type (account_id, id) on delete cascade
);
create index object_record_link_by_related on object_record_link (account_id, related_object_type_id, related_record_id);

-- Failures only (the spec: "Only ingestion failures are logged"); shown for 14 days, then deleted by retention.
create table object_ingestion_log (
    account_id     text        not null,
    object_type_id text        not null,
    id             text        not null, -- a UUID
    status         text        not null check (status in ('error', 'info', 'warning')),
    event_type     text        not null,
    logged_at      timestamptz not null,
    summary        text        not null,
    errors         jsonb       not null, -- [{"code", "message", "property", "invalid_value"}]
    record_id      text,                 -- null: the record had no id at the mapping's id_path
    primary key (account_id, object_type_id, id),
    foreign key (account_id, object_type_id) references object_type (account_id, id) on delete cascade
);
create index object_ingestion_log_newest on object_ingestion_log (account_id, object_type_id, logged_at, id);
create index object_ingestion_log_age on object_ingestion_log (logged_at);

-- Raw records of a data source no current schema mapped when they came; ingested (and deleted) by the backfill job
-- that an activation enqueues. seq keeps their order of arrival.
create table pending_data_source_record (
    account_id     text        not null,
    data_source_id text        not null,
    seq            bigint      generated always as identity,
    record         text        not null, -- the JSON as received (text: a JSON number keeps its form, 1e2 stays a float)
    received       timestamptz not null,
    primary key (account_id, data_source_id, seq),
    foreign key (account_id, data_source_id) references data_source (account_id, id) on delete cascade
);

-- A bulk create job's data source, and its records one row each until processed: a chunk deletes the rows it
-- ingested in its own transaction, which is the job's progress.
create table data_source_record_job (
    account_id     text not null,
    job_id         text not null,
    data_source_id text not null,
    primary key (account_id, job_id),
    foreign key (account_id, job_id) references job (account_id, id) on delete cascade,
    foreign key (account_id, data_source_id) references data_source (account_id, id) on delete cascade
);

create table data_source_record_job_item (
    account_id text    not null,
    job_id     text    not null,
    idx        integer not null,
    record     text    not null, -- the JSON as received
    primary key (account_id, job_id, idx),
    foreign key (account_id, job_id) references data_source_record_job (account_id, job_id) on delete cascade
);
