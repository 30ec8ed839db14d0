-- Bulk import speed (issue 4, docs/benchmarks.md): every profile write maintains every index, so
-- profile keeps only the indexes a query needs, and indexes on optional identifiers hold only the
-- profiles that have one (an equality lookup implies "is not null", so the planner still uses them).
drop index profile_phone_number;
drop index profile_external_id;
drop index profile_kx;
create unique index profile_phone_number on profile (account_id, phone_number) where phone_number is not null;
create unique index profile_external_id on profile (account_id, external_id) where external_id is not null;
create index profile_kx on profile (account_id, kx) where kx is not null;
-- The email sort index also answers email equality filters (they compare coalesce(email, '')).
drop index profile_email;
-- The foreign key to account costs a lookup per inserted profile (a fifth of a bulk import's rate,
-- measured): every write names an account that authenticated it, and accounts are never deleted.
alter table profile drop constraint profile_account_id_fkey;

-- Submitted profiles are staged one chunk per row (a JSON array of the chunk's profile objects, UTF-8)
-- instead of one row per profile: 40 rows per 10,000-profile job. A row is deleted when its chunk
-- commits. Stored uncompressed: this PostgreSQL has only pglz, whose CPU cost outweighs the WAL it saves.
drop table profile_import_item;
create table profile_import_chunk (
    account_id  text not null,
    job_id      text not null,
    first_idx   integer not null,
    payloads    bytea not null,
    primary key (account_id, job_id, first_idx),
    foreign key (account_id, job_id) references job (account_id, id) on delete cascade
);
alter table profile_import_chunk alter column payloads set storage external;

-- Results are kept per chunk as well: the profile each submitted item became (null where it failed),
-- in submission order from first_idx.
drop table profile_import_profile;
create table profile_import_result (
    account_id   text not null,
    job_id       text not null,
    first_idx    integer not null,
    profile_ids  text[] not null,
    primary key (account_id, job_id, first_idx),
    foreign key (account_id, job_id) references job (account_id, id) on delete cascade
);
