-- psql baseline for POST /api/lists/{id}/relationships/profiles: the INSERT the server runs
-- (ListStore.addMembers), prepared once per session and executed once per 1,000 ids, each EXECUTE in its
-- own (autocommit) transaction. bench/lists.sh writes the EXECUTE lines and runs:
--   psql -v acct=ACCOUNT_ID -v list=LIST_ID -f bench/list-add.sql -f EXECUTE_LINES
-- where each line is: execute add_members(:'acct', :'list', '{id1,id2,...}');
prepare add_members(text, text, text[]) as
insert into list_membership (account_id, list_id, profile_id, joined_group_at)
select $1, $2, unnest($3), now()
on conflict do nothing;
