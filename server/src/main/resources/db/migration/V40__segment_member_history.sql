-- Segment membership history (issue 16, reporting): one row each time a profile joins (+1) or leaves (-1) a segment,
-- so query_segment_values/series can count members added and removed in a timeframe and the total at any time.
--
-- A statement-level trigger on segment_membership writes it, so that every path that changes membership is logged
-- in the writer's own transaction: the engine's refresh, a merge moving memberships, a profile's deletion (directly
-- or by the foreign key's cascade) and the state import. The time is the operator's clock when the writer set it
-- for the transaction (the engine does: set_config('openprofile.clock', ...)), else the database's now().
-- A deleted segment takes its history (the foreign key), and the trigger logs nothing for a segment being deleted.
create table segment_member_change (
    account_id text        not null,
    segment_id text        not null,
    id         bigint      generated always as identity,
    profile_id text        not null,
    changed_at timestamptz not null,
    -- +1: joined, -1: left
    delta      smallint    not null check (delta in (-1, 1)),
    primary key (account_id, segment_id, id),
    foreign key (account_id, segment_id) references segment (account_id, id) on delete cascade
);
create index segment_member_change_by_time on segment_member_change (account_id, segment_id, changed_at);

create function segment_member_change_time() returns timestamptz language sql stable as $$
    select coalesce(nullif(current_setting('openprofile.clock', true), '')::timestamptz, now())
$$;

create function segment_membership_added() returns trigger language plpgsql as $$
begin
    insert into segment_member_change (account_id, segment_id, profile_id, changed_at, delta)
    select n.account_id, n.segment_id, n.profile_id, segment_member_change_time(), 1 from added n;
    return null;
end $$;

create function segment_membership_removed() returns trigger language plpgsql as $$
begin
    insert into segment_member_change (account_id, segment_id, profile_id, changed_at, delta)
    select o.account_id, o.segment_id, o.profile_id, segment_member_change_time(), -1 from removed o
    where exists (select 1 from segment s where s.account_id = o.account_id and s.id = o.segment_id);
    return null;
end $$;

create trigger segment_membership_log_added after insert on segment_membership
    referencing new table as added for each statement execute function segment_membership_added();
create trigger segment_membership_log_removed after delete on segment_membership
    referencing old table as removed for each statement execute function segment_membership_removed();

-- The members before this migration joined when their row says.
insert into segment_member_change (account_id, segment_id, profile_id, changed_at, delta)
select account_id, segment_id, profile_id, joined_group_at, 1 from segment_membership;
