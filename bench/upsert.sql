-- pgbench baseline for POST /api/profile-import: one upsert statement, half new emails, half existing.
--   pgbench -M prepared -n -c 32 -j 2 -T 20 -f bench/upsert.sql \
--     -D acct=ACCOUNT_ID -D pool=POOL_ROWS -D tag=RUN_DIGIT -D k=0
-- acct  the default account's id; pool  bench-1..bench-POOL_ROWS@bench.example exist
-- tag   one digit per run, so that runs never reuse each other's new emails and ids
-- k     per-client counter (pgbench keeps a client's variables across transactions)
-- New rows get 'pgnew-' emails, distinct from the HTTP run's 'new-' ones, and 26-character ids
-- '01PG' + tag + client (3) + counter (18). ON CONFLICT names the unique index profile_email_key.
-- RETURNING reads the row back, as the server does to answer.
\set coin random(0, 1)
\set n random(1, :pool)
\set k :k + 1
insert into profile as p (account_id, id, email, first_name, last_name, properties, created, updated)
values (:acct,
        '01PG' || :tag || lpad(:client_id::text, 3, '0') || lpad(:k::text, 18, '0'),
        case when :coin = 0 then 'pgnew-' || :tag || '-' || :client_id || '-' || :k || '@bench.example'
             else 'bench-' || :n || '@bench.example' end,
        'Bench', 'User ' || :k,
        jsonb_build_object('plan', 'pro', 'seq', :k::int, 'source', 'pgbench'),
        now(), now())
on conflict (account_id, email_key) do update
   set first_name = excluded.first_name,
       last_name = excluded.last_name,
       properties = p.properties || excluded.properties,
       updated = excluded.updated
returning p.id, p.email, p.phone_number, p.external_id, p.kx, p.first_name, p.last_name, p.organization,
          p.locale, p.title, p.image, p.location, p.properties, p.created, p.updated, p.last_event_date;
