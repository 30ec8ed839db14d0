-- Segment membership follows the data (issue 11): every write that can change what a segment tests
-- (a profile's attributes, its lists, its consent, its events) records the profile here, in the
-- writer's own transaction, when its account has an active segment. Before a membership read, the
-- segments feature re-evaluates the recorded profiles against the active segments and deletes the rows
-- (SegmentMaintenance). Triggers rather than calls from each feature's Java: no write path, present
-- (COPY in bulk import included) or future, can forget to record a change. Statement-level triggers with
-- transition tables: one insert per statement, nothing per row when the account has no active segment.
create table segment_pending (
    account_id  text not null,
    profile_id  text not null,
    primary key (account_id, profile_id)
);

-- when time-relative definitions ("in the last 30 days") were last evaluated in full
alter table segment add column refreshed_at timestamptz;

create function openprofile_segment_pending_profile() returns trigger
language plpgsql set search_path from current as $$
begin
    insert into segment_pending (account_id, profile_id)
    select distinct c.account_id, c.id from changed c
    where exists (select 1 from segment s where s.account_id = c.account_id and s.is_active)
    on conflict do nothing;
    return null;
end $$;

create function openprofile_segment_pending_related() returns trigger
language plpgsql set search_path from current as $$
begin
    insert into segment_pending (account_id, profile_id)
    select distinct c.account_id, c.profile_id from changed c
    where exists (select 1 from segment s where s.account_id = c.account_id and s.is_active)
    on conflict do nothing;
    return null;
end $$;

create trigger segment_pending_insert after insert on profile referencing new table as changed
    for each statement execute function openprofile_segment_pending_profile();
create trigger segment_pending_update after update on profile referencing new table as changed
    for each statement execute function openprofile_segment_pending_profile();

create trigger segment_pending_insert after insert on list_membership referencing new table as changed
    for each statement execute function openprofile_segment_pending_related();
create trigger segment_pending_delete after delete on list_membership referencing old table as changed
    for each statement execute function openprofile_segment_pending_related();

create trigger segment_pending_insert after insert on profile_consent referencing new table as changed
    for each statement execute function openprofile_segment_pending_related();
create trigger segment_pending_update after update on profile_consent referencing new table as changed
    for each statement execute function openprofile_segment_pending_related();

create trigger segment_pending_insert after insert on profile_suppression referencing new table as changed
    for each statement execute function openprofile_segment_pending_related();
create trigger segment_pending_delete after delete on profile_suppression referencing old table as changed
    for each statement execute function openprofile_segment_pending_related();

create trigger segment_pending_insert after insert on event referencing new table as changed
    for each statement execute function openprofile_segment_pending_related();
