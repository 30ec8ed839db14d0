-- Segments and their members (issue 11). Both tables belong to the segments feature; the segment
-- engine (segments.engine) writes segment_membership. V8 and V9 are other branches' migrations.
create table segment (
    account_id     text not null,
    id             text not null,
    name           text not null,
    -- the definition in the engine's canonical form, returned as stored
    definition     jsonb not null,
    -- an inactive segment's members stay as they were until it is activated again
    is_active      boolean not null default true,
    is_starred     boolean not null default false,
    -- Klaviyo builds a segment asynchronously; we evaluate in the request, so this stays false
    is_processing  boolean not null default false,
    created        timestamptz,
    updated        timestamptz,
    primary key (account_id, id)
);
-- get_segments' sorts and range filters (keyset pages on (key, id)).
create index segment_created on segment (account_id, created, id);
create index segment_updated on segment (account_id, updated, id);
create index segment_name on segment (account_id, name, id);

create table segment_membership (
    account_id       text not null,
    segment_id       text not null,
    profile_id       text not null,
    -- when the profile entered the segment; a member who stays keeps it across re-evaluations
    joined_group_at  timestamptz not null,
    primary key (account_id, segment_id, profile_id),
    foreign key (account_id, segment_id) references segment (account_id, id) on delete cascade,
    -- as list_membership: deleting a profile takes its memberships
    foreign key (account_id, profile_id) references profile (account_id, id) on delete cascade
);
-- Members in join order (keyset pages, joined_group_at filters), and a profile's segments.
create index segment_membership_joined on segment_membership (account_id, segment_id, joined_group_at, profile_id);
create index segment_membership_profile on segment_membership (account_id, profile_id);
