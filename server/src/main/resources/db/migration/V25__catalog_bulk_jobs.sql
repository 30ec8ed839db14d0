-- Catalog bulk jobs (issue 14): the nine create/update/delete jobs of items, variants and categories share
-- this table; job.kind names the family (its JSON:API type). A job holds at most 100 records, so its
-- submitted records, results and errors live in its row: one row read and written per committed chunk.
create table catalog_bulk_job (
    account_id       text    not null,
    job_id           text    not null,
    total_count      integer not null,
    completed_count  integer not null default 0,
    failed_count     integer not null default 0,
    -- the first record not yet processed; a chunk's writes and this marker commit together
    next_index       integer not null default 0,
    -- the submitted records as sent (json keeps their text, so a record's first error is the one the single
    -- call would report); null once the job is complete
    records          json,
    -- the ids of the resources the job created, updated or deleted, in submission order
    resource_ids     text[]  not null default '{}',
    -- APIJobErrorPayload objects, one per failed record, in submission order
    errors           jsonb   not null default '[]',
    primary key (account_id, job_id),
    foreign key (account_id, job_id) references job (account_id, id) on delete cascade
);
