-- pgbench baseline for the cursor walk over GET /api/lists/{id}/profiles?page[size]=100: one
-- transaction per page, the server's keyset query (ProfileStore.members through store/PagedQuery,
-- limit 101). \aset keeps the LAST row of the answer (the 101st, the first row of the next page) in
-- :joined_group_at and :id, so the next page starts AT that row (>=) where the server starts AFTER the
-- 100th (>): the same index range and the same 101 rows per page. Start with
-- -D joined_group_at=-infinity -D id=0 -D n=0 and run exactly -t PAGES with -c 1. After the last page,
-- the file :out gets "PAGES joined_group_at id" (the list's last member).
--   pgbench -M prepared -n -c 1 -t 10000 -f bench/list-page-walk.sql -D acct=... -D list=... -D lim=101 \
--       -D joined_group_at=-infinity -D id=0 -D n=0 -D pages=10000 -D out=FILE
select p.id, p.email, p.phone_number, p.external_id, p.kx, p.first_name, p.last_name, p.organization,
       p.locale, p.title, p.image, p.location, p.properties, p.created, p.updated, p.last_event_date, p.version,
       m.joined_group_at, m.joined_group_at::text as sort_key
from list_membership m join profile p on p.account_id = m.account_id and p.id = m.profile_id
where m.account_id = :acct and m.list_id = :list and (TRUE)
  and (m.joined_group_at, m.profile_id) >= (:joined_group_at::timestamptz, :id)
order by m.joined_group_at asc, m.profile_id asc
limit :lim
\aset
\set n :n + 1
\if :n = :pages
\shell echo :n :joined_group_at :id > :out
\endif
