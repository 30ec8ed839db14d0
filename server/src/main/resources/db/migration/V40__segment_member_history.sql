-- Segment membership history (issue 16, reporting): how many profiles joined and left each segment, when, so that
-- query_segment_values/series can count members added and removed in a timeframe and the total at any time.
--
-- Statement-level triggers on segment_membership write it, so that every path that changes membership is logged in
-- the writer's own transaction: the engine's refresh, a merge moving memberships, a profile's deletion (directly or
-- by the foreign key's cascade) and the state import. A statement adds one row per segment it changed, with counts,
-- not one per profile: a full evaluation of 50,000 members costs one more row, and no profile id is kept (a deleted
-- profile leaves nothing here). The time is the operator's clock when the writer set it for the transaction (the
-- engine does: set_config('openprofile.clock', ...)), else the database's now(). A deleted segment takes its history
-- (the foreign key), and the trigger logs nothing for a segment being deleted.
create table segment_member_change (
    account_id text        not null,
    segment_id text        not null,
    changed_at timestamptz not null,
    id         bigint      generated always as identity,
    joined     integer     not null check (joined >= 0),
    departed   integer     not null check (departed >= 0),
    primary key (account_id, segment_id, changed_at, id),
    foreign key (account_id, segment_id) references segment (account_id, id) on delete cascade
);

create function segment_member_change_time() returns timestamptz language sql stable as $$
    select coalesce(nullif(current_setting('openprofile.clock', true), '')::timestamptz, now())
$$;

create function segment_membership_added() returns trigger language plpgsql as $$
begin
    insert into segment_member_change (account_id, segment_id, changed_at, joined, departed)
    select n.account_id, n.segment_id, segment_member_change_time(), count(*), 0 from added n group by 1, 2;
    return null;
end $$;

create function segment_membership_removed() returns trigger language plpgsql as $$
begin
    insert into segment_member_change (account_id, segment_id, changed_at, joined, departed)
    select g.account_id, g.segment_id, segment_member_change_time(), 0, g.n
    from (select account_id, segment_id, count(*) as n from removed group by 1, 2) g
    where exists (select 1 from segment s where s.account_id = g.account_id and s.id = g.segment_id);
    return null;
end $$;

create trigger segment_membership_log_added after insert on segment_membership
    referencing new table as added for each statement execute function segment_membership_added();
create trigger segment_membership_log_removed after delete on segment_membership
    referencing old table as removed for each statement execute function segment_membership_removed();

-- The members before this migration joined when their rows say.
insert into segment_member_change (account_id, segment_id, changed_at, joined, departed)
select account_id, segment_id, joined_group_at, count(*), 0 from segment_membership group by 1, 2, 3;
