-- Bulk-loads profiles bench-LO@bench.example .. bench-HI@bench.example for one account, straight into
-- the profile table (psql -v acct=... -v lo=... -v hi=...). Every NOT NULL column is filled; ids are
-- 26 characters like the server's ULIDs ('01BENCH' + 19 digits), unique and never produced by the server.
insert into profile (account_id, id, email, first_name, last_name, properties, created, updated)
select :'acct',
       '01BENCH' || lpad(n::text, 19, '0'),
       'bench-' || n || '@bench.example',
       'Bench',
       'User ' || n,
       jsonb_build_object('plan', case when n % 3 = 0 then 'pro' else 'free' end, 'seq', n),
       now(),
       now()
from generate_series(:lo::bigint, :hi::bigint) as n;
