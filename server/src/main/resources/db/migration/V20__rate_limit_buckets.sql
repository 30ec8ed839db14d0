-- Bucket4j's PostgreSQL backend for the rate limits (docs/compatibility.md, "Rate limits"): one row per bucket,
-- shared by every node of one database; the state is Bucket4j's own serialized window counters. Its layout is
-- Bucket4j's (one key column): the key begins with the account id ("<account_id>|get_profiles"), so an account's
-- buckets still sort together. Used only when the database is external or OPENPROFILE_RATE_LIMIT_BACKEND says so.
create table rate_limit_bucket (
    id     text primary key,
    state  bytea
);
