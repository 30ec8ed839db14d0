-- Web console sessions (issue 18; docs/compatibility.md, "Web console"). Only a hash of the session token is kept,
-- never the key that logged in: an account session names its key (it ends when the key is revoked), an operator
-- session (account_id null) holds an HMAC of its token under the admin key (it ends when the admin key changes).
-- In the database, so that any node and a restart keep a session.
create table console_session (
    token_hash  bytea primary key,
    account_id  text references account (account_id) on delete cascade,
    key_id      text,
    key_proof   bytea,
    csrf_token  text not null,
    created     timestamptz not null,
    last_seen   timestamptz not null,
    check ((account_id is null) = (key_id is null)),
    check ((account_id is null) = (key_proof is not null))
);
create index console_session_last_seen on console_session (last_seen);
