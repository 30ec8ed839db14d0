-- Webhooks (issue 15): an account's system webhooks, the topics each subscribes to, and a durable outbox of
-- deliveries with every attempt (docs/architecture.md, "Webhooks").
create table webhook (
    account_id   text        not null references account (account_id),
    id           text        not null,
    name         text        not null,
    description  text,
    endpoint_url text        not null,
    secret_key   text        not null,
    enabled      boolean     not null,
    created      timestamptz not null,
    updated      timestamptz not null,
    primary key (account_id, id)
);

-- The topics a webhook subscribes to; (account_id, topic_id) leads the index the consent path asks on every change.
create table webhook_subscription (
    account_id text not null,
    webhook_id text not null,
    topic_id   text not null,
    primary key (account_id, webhook_id, topic_id),
    foreign key (account_id, webhook_id) references webhook (account_id, id) on delete cascade
);
create index webhook_subscription_by_topic on webhook_subscription (account_id, topic_id, webhook_id);

-- One event for one webhook: written in the transaction that recorded the event, so a committed change always
-- has its deliveries. No foreign key to webhook: the history outlives a deleted webhook. status is pending,
-- delivered, failed (attempts used up) or cancelled (the webhook was disabled or deleted first).
-- note says why it finished when it was not delivered. next_attempt_at is when it is due; lease_until, while a deliverer holds it (a crashed node's claim comes back then).
create table webhook_delivery (
    account_id      text        not null references account (account_id),
    id              text        not null,
    webhook_id      text        not null,
    topic_id        text        not null,
    external_id     text        not null,
    payload         jsonb       not null,
    status          text        not null,
    attempts        integer     not null,
    next_attempt_at timestamptz not null,
    lease_until     timestamptz,
    created         timestamptz not null,
    finished        timestamptz,
    note            text,
    primary key (account_id, id)
);
-- The deliverer's claim across accounts (as job_runnable): only pending rows are in it.
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'pending';
create index webhook_delivery_by_webhook on webhook_delivery (account_id, webhook_id, id);

-- Every POST of a delivery: its response code, or the error when there was none, and how long it took.
create table webhook_attempt (
    account_id  text        not null,
    delivery_id text        not null,
    attempt     integer     not null,
    at          timestamptz not null,
    status_code integer,
    error       text,
    duration_ms integer     not null,
    primary key (account_id, delivery_id, attempt),
    foreign key (account_id, delivery_id) references webhook_delivery (account_id, id) on delete cascade
);
