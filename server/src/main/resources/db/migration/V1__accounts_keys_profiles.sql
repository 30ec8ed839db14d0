-- Accounts and their keys. Every table leads its keys with account_id (DESIGN.md, "Data rules").
create table account (
    account_id       text primary key,
    name             text not null unique,
    public_key       text not null unique,
    -- Klaviyo's account-level default for lists created without opt_in_process.
    default_opt_in   text not null default 'single_opt_in',
    created          timestamptz not null default now()
);

create table api_key (
    account_id  text not null references account (account_id),
    key_id      text not null,
    -- sha256 of the whole key; the key itself is shown once and never stored.
    key_hash    bytea not null,
    label       text not null,
    scopes      text[] not null,
    created     timestamptz not null default now(),
    revoked     timestamptz,
    primary key (account_id, key_id)
);
-- Authentication looks a key up before its account is known: the one index not led by account_id.
create unique index api_key_hash on api_key (key_hash);

create table profile (
    account_id       text not null references account (account_id),
    id               text not null,
    email            text,
    -- identity matching is case-insensitive (docs/compatibility.md); uniqueness follows it.
    email_key        text generated always as (lower(email)) stored,
    phone_number     text,
    external_id      text,
    kx               text,
    first_name       text,
    last_name        text,
    organization     text,
    locale           text,
    title            text,
    image            text,
    location         jsonb,
    properties       jsonb not null default '{}'::jsonb,
    created          timestamptz not null,
    updated          timestamptz not null,
    last_event_date  timestamptz,
    primary key (account_id, id)
);
create unique index profile_email_key on profile (account_id, email_key);
create unique index profile_phone_number on profile (account_id, phone_number);
create unique index profile_external_id on profile (account_id, external_id);
create index profile_email on profile (account_id, email);
create index profile_kx on profile (account_id, kx);
create index profile_created on profile (account_id, created, id);
create index profile_updated on profile (account_id, updated, id);
create index profile_email_sort on profile (account_id, (coalesce(email, '')), id);
