-- pgbench baseline for the first page of GET /api/lists/{id}/profiles?page[size]=100: the query the
-- server runs (ProfileStore.members through store/PagedQuery; default sort joined_group_at, no cursor
-- yet; page size 100, so limit 101).
--   pgbench -M prepared -n -c 1 -t 20 -f bench/list-page-first.sql -D acct=ACCOUNT_ID -D list=LIST_ID \
--       -D lim=101
select p.id, p.email, p.phone_number, p.external_id, p.kx, p.first_name, p.last_name, p.organization,
       p.locale, p.title, p.image, p.location, p.properties, p.created, p.updated, p.last_event_date, p.version,
       m.joined_group_at, m.joined_group_at::text as sort_key
from list_membership m join profile p on p.account_id = m.account_id and p.id = m.profile_id
where m.account_id = :acct and m.list_id = :list and (TRUE)
order by m.joined_group_at asc, m.profile_id asc
limit :lim;
