-- Issue 21: anonymous visitors. An anonymous id (a browser's or a device's, sent by onsite and server integrations as
-- `anonymous_id`) names one profile of the account; a profile may hold several (one per browser or device). The
-- profiles feature owns the table; merges move the rows and deletions delete them (its ProfileData).
create table profile_anonymous_id (
    account_id   text not null references account (account_id),
    anonymous_id text not null,
    profile_id   text not null,
    primary key (account_id, anonymous_id)
);
create index profile_anonymous_id_profile on profile_anonymous_id (account_id, profile_id);
