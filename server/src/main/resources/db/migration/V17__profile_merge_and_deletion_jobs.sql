-- Profile merges and data-privacy deletions (issue 12): each is a durable job (DESIGN.md, "Data rules"),
-- its request stored here in the transaction that enqueues it, so a 201/202 means the work is stored.

-- merge_profiles: one source into one destination, done by the job in one transaction (profiles.ProfileMerge).
create table profile_merge (
    account_id      text not null,
    job_id          text not null,
    source_id       text not null,
    destination_id  text not null,
    primary key (account_id, job_id),
    foreign key (account_id, job_id) references job (account_id, id) on delete cascade
);

-- request_profile_deletion: the one identifier the request named. The row is deleted when the job has
-- deleted every matching profile, so the person's identifier is not kept after its deletion.
create table privacy_deletion (
    account_id  text not null,
    job_id      text not null,
    identifier  text not null check (identifier in ('email', 'phone_number', 'id')),
    value       text not null,
    primary key (account_id, job_id),
    foreign key (account_id, job_id) references job (account_id, id) on delete cascade
);
