-- Campaign sending (issue 16): recipient estimation, the send job with its audience snapshot, and the outbox of
-- emulated messages. Job ids are the job table's own; a campaign has at most one estimation and one send job row.

-- The latest estimate of a campaign's recipients (get_campaign_recipient_estimation) and the job refreshing it.
create table campaign_estimation (
    account_id      text        not null,
    campaign_id     text        not null,
    job_id          text        not null,
    recipient_count integer,
    estimated_at    timestamptz,
    primary key (account_id, campaign_id),
    foreign key (account_id, campaign_id) references campaign (account_id, id) on delete cascade
);

-- A campaign's send job: the audience is resolved once (when the job starts) into campaign_send_recipient, in
-- order; each chunk renders and records the next recipients and advances next_seq in its own transaction, so a
-- crash repeats no recipient. action is null, or 'cancel'/'revert' when cancel_campaign_send asked for it.
create table campaign_send (
    account_id      text        not null,
    campaign_id     text        not null,
    job_id          text        not null,
    resolved        boolean     not null default false,
    total           integer     not null default 0,
    next_seq        integer     not null default 0,
    primary key (account_id, campaign_id),
    foreign key (account_id, campaign_id) references campaign (account_id, id) on delete cascade
);

create table campaign_send_recipient (
    account_id      text        not null,
    campaign_id     text        not null,
    seq             integer     not null,
    profile_id      text        not null,
    primary key (account_id, campaign_id, seq),
    foreign key (account_id, campaign_id) references campaign_send (account_id, campaign_id) on delete cascade
);

-- The emulated messages, as a local mail catcher shows them: one row per recipient and message, rendered. No
-- foreign keys: the outbox keeps what was sent after the campaign or profile is gone, until retention drops it.
-- relay_status is null when no SMTP relay is configured; else pending, sent or failed (relay_error says why).
create table outbox_message (
    account_id      text        not null references account (account_id),
    id              bigint      generated always as identity,
    campaign_id     text,
    message_id      text        not null,
    profile_id      text        not null,
    channel         text        not null,
    from_address    text,
    from_label      text,
    reply_to        text,
    to_address      text        not null,
    subject         text,
    preview_text    text,
    body_html       text,
    body_text       text,
    sent_at         timestamptz not null,
    relay_status    text,
    relay_attempts  integer     not null default 0,
    relay_error     text,
    relayed_at      timestamptz,
    -- the unguessable token of the pages the message links to (unsubscribe, preferences, web view)
    link_token      text,
    primary key (account_id, id)
);
create unique index outbox_message_link_token on outbox_message (link_token);
create index outbox_message_by_time on outbox_message (account_id, sent_at, id);
create index outbox_message_by_campaign on outbox_message (account_id, campaign_id, id);
create index outbox_message_relay_due on outbox_message (id) where relay_status = 'pending';

-- A job that may not start before a time on the server's clock: a campaign scheduled for later (send_strategy
-- static, throttled or smart_send_time with a future time). Null: runnable at once, as every job before.
alter table job add column not_before timestamptz;

-- A campaign message's template (its own copy) as a foreign key, as V38 made a flow message's: deleting the template
-- leaves the message without one (a send then stops as misconfigured) instead of a dangling id.
update campaign_message m set template_id = null
 where template_id is not null
   and not exists (select 1 from template t where t.account_id = m.account_id and t.id = m.template_id);
alter table campaign_message
    add foreign key (account_id, template_id) references template (account_id, id) on delete set null (template_id);
