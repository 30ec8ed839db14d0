-- pgbench baseline for POST /api/events: the rows one event writes, by hand. Half the events belong to
-- a new profile, half to an existing one (as bench/events.lua); each transaction upserts the profile
-- (moving last_event_date), claims the event's unique_id and inserts the event, like the server does.
-- (No colon inside string literals: pgbench would take ':pg' for a variable.)
--   pgbench -M prepared -n -c 64 -j 2 -T 20 -f bench/events.sql -D acct=ACCOUNT -D pool=POOL -D tag=DIGIT -D k=0 -D metric=METRIC_ID
\set coin random(0, 1)
\set n random(1, :pool)
\set k :k + 1
begin;
insert into profile as p (account_id, id, email, first_name, properties, created, updated, last_event_date)
values (:acct,
        '01PG' || cast(:tag as text) || lpad(cast(:client_id as text), 3, '0') || lpad(cast(:k as text), 18, '0'),
        case when :coin = 0 then 'pgnew-' || cast(:tag as text) || '-' || cast(:client_id as text) || '-' || cast(:k as text) || '@bench.example'
             else 'bench-' || cast(:n as text) || '@bench.example' end,
        'Bench', '{}'::jsonb, now(), now(), now())
on conflict (account_id, email_key) do update
   set first_name = excluded.first_name, updated = excluded.updated,
       last_event_date = greatest(p.last_event_date, excluded.last_event_date)
returning p.id as profile_id \gset
insert into event_key (account_id, metric_id, profile_id, dedup_key)
values (:acct, :metric, :profile_id, 'u' || chr(58) || 'pg-' || cast(:tag as text) || '-' || cast(:client_id as text) || '-' || cast(:k as text));
insert into event (account_id, id, metric_id, profile_id, datetime, value, value_currency, unique_id, properties, uuid)
values (:acct, '01PE' || cast(:tag as text) || lpad(cast(:client_id as text), 3, '0') || lpad(cast(:k as text), 18, '0'), :metric, :profile_id,
        date_trunc('second', now()), (:k % 100) + 0.5, 'USD', 'pg-' || cast(:tag as text) || '-' || cast(:client_id as text) || '-' || cast(:k as text),
        jsonb_build_object('Item', 'Book', 'Count', :k % 5 + 1, 'Source', 'pgbench'), gen_random_uuid());
commit;
