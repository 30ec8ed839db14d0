-- The durable job queue (DESIGN.md, "Data rules"): accepting a job means this row is committed.
create table job (
    account_id    text not null references account (account_id),
    id            text not null,
    kind          text not null,
    status        text not null check (status in ('queued', 'processing', 'complete', 'cancelled')),
    created_at    timestamptz not null,
    started_at    timestamptz,
    completed_at  timestamptz,
    expires_at    timestamptz,
    -- a worker holds a job while its lease runs; a crashed worker's lease expires and another resumes.
    lease_owner   text,
    lease_until   timestamptz,
    primary key (account_id, id)
);
-- Workers serve every account, so the claim index cannot lead with account_id.
create index job_runnable on job (created_at) where status in ('queued', 'processing');
create index job_by_kind on job (account_id, kind, created_at, id);

-- A bulk profile import (issue 4): its counters, where processing has got to, and its lists.
create table profile_import (
    account_id       text not null,
    job_id           text not null,
    total_count      integer not null,
    completed_count  integer not null default 0,
    failed_count     integer not null default 0,
    next_index       integer not null default 0,
    list_ids         text[] not null,
    primary key (account_id, job_id),
    foreign key (account_id, job_id) references job (account_id, id) on delete cascade
);

-- The submitted profiles, one row each, kept until the job has processed them.
create table profile_import_item (
    account_id  text not null,
    job_id      text not null,
    idx         integer not null,
    payload     jsonb not null,
    primary key (account_id, job_id, idx),
    foreign key (account_id, job_id) references job (account_id, id) on delete cascade
);

-- The profiles an import created or updated, in submission order.
create table profile_import_profile (
    account_id  text not null,
    job_id      text not null,
    idx         integer not null,
    profile_id  text not null,
    primary key (account_id, job_id, idx),
    foreign key (account_id, job_id) references job (account_id, id) on delete cascade
);

create table profile_import_error (
    account_id        text not null,
    job_id            text not null,
    idx               integer not null,
    id                text not null,
    code              text not null,
    title             text not null,
    detail            text not null,
    pointer           text not null,
    original_payload  jsonb,
    primary key (account_id, job_id, idx),
    foreign key (account_id, job_id) references job (account_id, id) on delete cascade
);
