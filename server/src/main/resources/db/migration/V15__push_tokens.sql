-- Push tokens (issue 12), the pushtokens feature's one table. A token's identity is its value within the
-- account (an APNs/FCM token names one app install): registering a known value again updates that row and
-- moves it to the profile the request names (docs/compatibility.md, "Push tokens").
create table push_token (
    account_id         text not null,
    id                 text not null,
    token              text not null,
    profile_id         text not null,
    platform           text not null check (platform in ('android', 'ios')),
    vendor             text not null check (vendor in ('apns', 'fcm')),
    enablement_status  text not null
        check (enablement_status in ('AUTHORIZED', 'DENIED', 'NOT_DETERMINED', 'PROVISIONAL', 'UNAUTHORIZED')),
    background         text not null check (background in ('AVAILABLE', 'DENIED', 'RESTRICTED')),
    -- the device metadata of the spec (DeviceMetadata), as given; null when none was
    metadata           jsonb,
    created            timestamptz not null,
    -- when the token was last registered (created or updated)
    recorded_date      timestamptz not null,
    primary key (account_id, id),
    foreign key (account_id, profile_id) references profile (account_id, id) on delete cascade
);
create unique index push_token_value on push_token (account_id, token);
-- A profile's tokens (profile endpoints, include, filter profile.id, merge and deletion).
create index push_token_profile on push_token (account_id, profile_id, id);
-- The other get_push_tokens filters, each with the id keyset.
create index push_token_enablement on push_token (account_id, enablement_status, id);
create index push_token_platform on push_token (account_id, platform, id);
