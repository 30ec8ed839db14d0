-- Consent (issue 5, semantics §12). A profile's consent is its channel records and pending double
-- opt-ins (one document, consent/ConsentStateJson) plus its suppressions, which live in rows of their
-- own so that get_profiles can filter and sort on them. No row anywhere: never touched (all channels
-- NEVER_SUBSCRIBED, nothing suppressed).
create table profile_consent (
    account_id  text not null,
    profile_id  text not null,
    -- ConsentStateJson without its suppression arrays (those are the two tables below)
    state       jsonb not null,
    primary key (account_id, profile_id),
    foreign key (account_id, profile_id) references profile (account_id, id) on delete cascade
);

create table profile_suppression (
    account_id     text not null,
    profile_id     text not null,
    reason         text not null check (reason in ('HARD_BOUNCE', 'INVALID_EMAIL', 'SPAM_COMPLAINT', 'UNSUBSCRIBE', 'USER_SUPPRESSED')),
    suppressed_at  timestamptz not null,
    primary key (account_id, profile_id, reason),
    foreign key (account_id, profile_id) references profile (account_id, id) on delete cascade
);
create index profile_suppression_by_reason on profile_suppression (account_id, reason, profile_id);
create index profile_suppression_by_time on profile_suppression (account_id, suppressed_at, profile_id);

create table profile_list_suppression (
    account_id     text not null,
    profile_id     text not null,
    list_id        text not null,
    reason         text not null,
    suppressed_at  timestamptz not null,
    primary key (account_id, profile_id, list_id),
    foreign key (account_id, profile_id) references profile (account_id, id) on delete cascade
);
create index profile_list_suppression_by_list on profile_list_suppression (account_id, list_id, profile_id);

-- Every change of consent or suppression, so that the current state can be explained and audited.
create table consent_history (
    account_id     text not null,
    profile_id     text not null,
    seq            bigint generated always as identity,
    subject        text not null,
    from_value     text not null,
    to_value       text not null,
    method         text,
    method_detail  text,
    actor          text not null,
    job_id         text,
    changed_at     timestamptz not null,
    primary key (account_id, profile_id, seq)
);

-- The four consent jobs (subscribe, unsubscribe, suppress, unsuppress): the request, where processing
-- has got to, and the counts the suppression job resources report.
create table consent_job (
    account_id       text not null,
    job_id           text not null,
    list_id          text,
    segment_id       text,
    -- the request's profiles (JSON array), or null when the job acts on a list's or segment's members
    items            jsonb,
    -- the request's other settings: custom_source, historical_import, the opt-in process decided at submit
    settings         jsonb not null,
    total_count      integer not null,
    completed_count  integer not null default 0,
    skipped_count    integer not null default 0,
    next_index       integer not null default 0,
    primary key (account_id, job_id),
    foreign key (account_id, job_id) references job (account_id, id) on delete cascade
);

-- Why a job could not apply a profile (Klaviyo gives subscribe jobs no status endpoint: the operator
-- reads these through the admin API or the CLI).
create table consent_job_error (
    account_id  text not null,
    job_id      text not null,
    idx         integer not null,
    detail      text not null,
    payload     jsonb,
    primary key (account_id, job_id, idx),
    foreign key (account_id, job_id) references job (account_id, id) on delete cascade
);
