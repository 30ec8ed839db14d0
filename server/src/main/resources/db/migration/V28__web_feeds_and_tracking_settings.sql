-- Web feeds (issue 15), served by the resource kit. Name, created and updated are columns: the spec filters and
-- sorts by them; the rest of a feed lives in doc.
create table web_feed (
    account_id text        not null references account (account_id),
    id         text        not null,
    name       text        not null,
    created    timestamptz not null,
    updated    timestamptz not null,
    doc        jsonb       not null,
    primary key (account_id, id)
);
create index web_feed_by_created on web_feed (account_id, created, id);

-- An account's tracking settings (issue 15): one row per account, made with Klaviyo's defaults on first read.
-- settings holds the attributes as the spec shapes them (docs/compatibility.md, "Web feeds and tracking settings").
create table tracking_setting (
    account_id text        not null primary key references account (account_id),
    settings   jsonb       not null,
    updated    timestamptz not null
);
