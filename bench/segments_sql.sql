-- The hand-written baseline of the benchmark's segment (for pgbench -M extended, one transaction per evaluation):
-- the same audience as the segment's three conditions, written as one would by hand, and stored the way the engine
-- stores members, into bench_membership (a table like segment_membership: same columns, key and indexes, no
-- foreign keys). Country equals DE; email consent SUBSCRIBED and no suppression (can receive email marketing,
-- subscribed); at least one event of the metric in the last 30 days.
insert into bench_membership (account_id, segment_id, profile_id, joined_group_at)
select p.account_id, :seg::text, p.id, now()
from profile p
join profile_consent c on c.account_id = p.account_id and c.profile_id = p.id
where p.account_id = :acct
  and p.properties ->> 'Country' = 'DE'
  and c.state #>> '{channels,EMAIL_MARKETING,consent}' = 'SUBSCRIBED'
  and not exists (select 1 from profile_suppression s where s.account_id = p.account_id and s.profile_id = p.id)
  and exists (select 1 from event e where e.account_id = p.account_id and e.metric_id = :metric and e.profile_id = p.id
              and e.datetime >= now() - interval '30 days' and e.datetime <= now());
