-- Bulk-loads the aggregates benchmark's events straight into the event table (psql -v acct=... -v metric=...
-- -v profiles=... -v events=... -v lo=... -v hi=...): events lo..hi of `events`, spread evenly over 2025 in
-- insertion order (as events arrive), one metric, `profiles` profiles. Ids are 26 characters like the
-- server's ULIDs ('01BENCH' + 19 digits). Every NOT NULL column is filled.
insert into event (account_id, id, metric_id, profile_id, datetime, value, value_currency, properties, uuid)
select :'acct',
       '01BENCH' || lpad(n::text, 19, '0'),
       :'metric',
       '01BENCHP' || lpad(((n * 7919) % :profiles)::text, 18, '0'),
       timestamptz '2025-01-01 00:00:00+00' + (n - 1) * (interval '365 days' / :events),
       ((n * 37) % 20000) / 100.0,
       'USD',
       jsonb_build_object('URL', 'https://shop.example/p/' || (n % 500)),
       md5(n::text)::uuid
from generate_series(:lo::bigint, :hi::bigint) as n;
