-- pgbench baseline for GET /api/profiles?filter=equals(email,"..."): the query the server runs
-- (ProfileStore.list with the default sort by id and page size 20, so limit 21), random existing email.
--   pgbench -M prepared -n -c 8 -j 2 -T 20 -f bench/get-by-email.sql -D acct=ACCOUNT_ID -D rows=ROWS
\set n random(1, :rows)
select p.id, p.email, p.phone_number, p.external_id, p.kx, p.first_name, p.last_name, p.organization,
       p.locale, p.title, p.image, p.location, p.properties, p.created, p.updated, p.last_event_date,
       p.id::text, p.version
from profile p
where p.account_id = :acct and (coalesce(p.email, '') = 'bench-' || :n || '@bench.example')
order by p.id asc, p.id asc
limit 21;
