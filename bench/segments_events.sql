-- Bulk-loads the segments benchmark's events lo..hi of `events` straight into the event table (psql -v acct=...
-- -v metric=... -v profiles=... -v events=... -v recent=... -v lo=... -v hi=... -v t0=...), one metric, in time
-- order (as events arrive). The first events - recent are spread over the year before t0 up to 31 days before it,
-- among all profiles; the last `recent` over the 29 days before t0, among every tenth profile only (the recent
-- buyers, about 10% of the profiles). No event falls between 31 and 29 days before t0, so "in the last 30 days"
-- selects the same events at any moment of the day after the load. Ids are 26 characters like the server's ULIDs.
-- Every NOT NULL column is filled.
insert into event (account_id, id, metric_id, profile_id, datetime, value, value_currency, properties, uuid)
select :'acct',
       '01BENCH' || lpad(n::text, 19, '0'),
       :'metric',
       '01BENCH' || lpad((case when old then 1 + h % :profiles else 10 * (1 + h % (:profiles / 10)) end)::text, 19, '0'),
       case when old then :'t0'::timestamptz - interval '365 days' + (n - 1) * (interval '334 days' / (:events - :recent))
            else :'t0'::timestamptz - interval '29 days' + (n - 1 - (:events - :recent)) * (interval '29 days' / :recent) end,
       ((n * 37) % 20000) / 100.0,
       'USD',
       jsonb_build_object('URL', 'https://shop.example/p/' || (n % 500)),
       md5(n::text)::uuid
from (select n, n <= :events - :recent as old, abs(hashint8extended(n, 44)) as h
      from generate_series(:lo::bigint, :hi::bigint) as n) s;
