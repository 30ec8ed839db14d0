-- Back in stock subscriptions (create_client_back_in_stock_subscription): one per profile and catalog
-- variant; the variant id is kept as given (integrationType:::catalogId:::externalId) until catalogs exist.
create table back_in_stock_subscription (
    account_id  text        not null,
    id          text        not null,
    profile_id  text        not null,
    variant_id  text        not null,
    channels    text[]      not null,
    created     timestamptz not null,
    updated     timestamptz not null,
    primary key (account_id, id),
    unique (account_id, profile_id, variant_id),
    foreign key (account_id, profile_id) references profile (account_id, id) on delete cascade
);
create index back_in_stock_by_variant on back_in_stock_subscription (account_id, variant_id, created);

-- What an operator configures for the read-only client endpoints: the account's geofences
-- (get_client_geofences) and its integration-egress IP allow list (get_client_ip_allowlist).
create table client_geofence (
    account_id  text             not null references account (account_id),
    id          text             not null,
    latitude    double precision not null,
    longitude   double precision not null,
    radius      double precision not null,
    primary key (account_id, id)
    -- Few per account: the distance sort is computed on read, with no index of its own.
);

-- A singleton per account (Klaviyo's id is always integration-egress).
create table client_ip_allowlist (
    account_id  text        primary key references account (account_id),
    prefixes    text[]      not null,
    sync_token  text        not null,
    created     timestamptz not null
);
