-- bench/campaign-send.sh: the send list's members (profiles 1..:hi of seed.sql) and the warm-up list's (1..:warm),
-- straight into list_membership (psql -v acct=... -v list=... -v warm_list=... -v hi=... -v warm=...).
insert into list_membership (account_id, list_id, profile_id, joined_group_at)
select :'acct', :'list', '01BENCH' || lpad(n::text, 19, '0'), now()
from generate_series(1, :hi::bigint) as n;
insert into list_membership (account_id, list_id, profile_id, joined_group_at)
select :'acct', :'warm_list', '01BENCH' || lpad(n::text, 19, '0'), now()
from generate_series(1, :warm::bigint) as n;
