-- What get_accounts shows of an account, set by its operator (admin API, `openprofile accounts`).
-- Klaviyo's own defaults where it has one; contact_information holds the keys the operator set (the
-- rest read as the account's defaults, docs/compatibility.md "Accounts").
alter table account
    add column timezone            text    not null default 'UTC',
    add column preferred_currency  text    not null default 'USD',
    add column locale              text    not null default 'en-US',
    add column industry            text,
    add column test_account        boolean not null default false,
    add column contact_information jsonb   not null default '{}';
