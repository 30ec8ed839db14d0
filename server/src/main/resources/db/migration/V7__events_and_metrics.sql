-- Events and metrics (issue 6, semantics §15).

-- A metric is what events count ("Placed Order"): found or created by name and integration.
create table metric (
    account_id       text not null,
    id               text not null,
    name             text not null,
    -- the integration the metric came from: 'api' for metrics created by the Events API; a
    -- service given on create_event (metric.data.attributes.service) names its own
    integration_key  text not null,
    created          timestamptz not null,
    updated          timestamptz not null,
    primary key (account_id, id),
    unique (account_id, name, integration_key)
);

-- The property keys a metric's events carry, learned as events arrive (get_properties_for_metric).
create table metric_property (
    account_id  text not null,
    id          text not null,
    metric_id   text not null,
    property    text not null,
    -- String, Number, Boolean, List or Object: the JSON type of the first value seen
    inferred_type  text not null,
    -- up to 5 distinct values, the first ones seen (additional-fields[metric-property]=sample_values)
    sample_values  jsonb not null default '[]'::jsonb,
    created     timestamptz not null,
    primary key (account_id, id),
    unique (account_id, metric_id, property)
);

-- Events, stored for volume: partitioned by year of their time (the API accepts 2000 to next year).
-- An event's id is a ULID whose time is the event's own datetime, so a lookup by id knows its
-- partition. Every index leads with account_id and serves a listed filter or the aggregates.
create table event (
    account_id      text not null,
    id              text not null,
    metric_id       text not null,
    profile_id      text not null,
    datetime        timestamptz not null,
    value           numeric,
    value_currency  text,
    unique_id       text,
    properties      jsonb not null,
    uuid            uuid not null,
    primary key (account_id, datetime, id)
) partition by range (datetime);
create index event_by_metric on event (account_id, metric_id, datetime, id);
create index event_by_profile on event (account_id, profile_id, datetime, id);

do $$
begin
    for y in 2000..2040 loop
        execute format('create table event_%s partition of event for values from (%L) to (%L)',
                       y, y || '-01-01 00:00:00+00', (y + 1) || '-01-01 00:00:00+00');
    end loop;
end $$;
create table event_default partition of event default;

-- "An event with the same profile, metric and unique_id (or, without one, the same time) is stored
-- once": a partitioned table cannot hold a unique index across partitions, so the keys live here.
create table event_key (
    account_id  text not null,
    metric_id   text not null,
    profile_id  text not null,
    dedup_key   text not null,
    primary key (account_id, metric_id, profile_id, dedup_key)
);

-- A bulk event job (bulk_create_events): its validated events, kept until processed.
create table event_bulk_job (
    account_id   text not null,
    job_id       text not null,
    events       jsonb not null,
    next_index   integer not null default 0,
    primary key (account_id, job_id),
    foreign key (account_id, job_id) references job (account_id, id) on delete cascade
);
