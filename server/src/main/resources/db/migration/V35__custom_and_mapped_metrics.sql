-- Custom metrics (issue 16), served by the resource kit: the name is a column (unique in the account, as Klaviyo
-- requires); the definition, with the metric groups that name the combined metrics, lives in doc.
create table custom_metric (
    account_id text        not null references account (account_id),
    id         text        not null,
    name       text        not null,
    created    timestamptz not null,
    updated    timestamptz not null,
    doc        jsonb       not null,
    primary key (account_id, id),
    unique (account_id, name)
);

-- Mapped metrics: the fixed conversion roles every account has (revenue, added_to_cart, ...), made on first need
-- (custommetrics.MappedMetrics.ensure). A role maps to a metric, a custom metric, or nothing; never both. Deleting a
-- custom metric unsets the roles that name it first (docs/compatibility.md, "Custom and mapped metrics").
create table mapped_metric (
    account_id       text        not null references account (account_id),
    id               text        not null,
    metric_id        text,
    custom_metric_id text,
    updated          timestamptz not null,
    primary key (account_id, id),
    foreign key (account_id, metric_id) references metric (account_id, id),
    foreign key (account_id, custom_metric_id) references custom_metric (account_id, id),
    check (metric_id is null or custom_metric_id is null)
);
