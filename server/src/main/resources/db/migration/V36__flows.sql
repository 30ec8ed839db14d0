-- Flows (issue 16): a flow, its actions and their messages, served by the resource kit, and the links of tags to
-- flows. A flow's trigger (one at most, as Klaviyo allows) has its own columns, so that a list, segment or metric
-- finds the flows it triggers through an index. Deleting a flow deletes its actions, and an action its messages,
-- by foreign keys (docs/compatibility.md, "Flows").
create table flow (
    account_id   text        not null references account (account_id),
    id           text        not null,
    name         text        not null,
    status       text        not null,
    archived     boolean     not null,
    trigger_type text        not null,
    -- the trigger's kind ("list", "segment", "metric", ...) and the id it names; null without one
    trigger_kind text,
    trigger_id   text,
    created      timestamptz not null,
    updated      timestamptz not null,
    -- the definition's parts other than its actions: triggers, profile_filter, reentry_criteria, entry_action_id
    doc          jsonb       not null,
    primary key (account_id, id)
);
create index flow_by_trigger on flow (account_id, trigger_kind, trigger_id, id) where trigger_id is not null;

create table flow_action (
    account_id  text        not null,
    id          text        not null,
    flow_id     text        not null,
    action_type text        not null,
    -- data.status of the action types that have one (send-email, ...); null for the others
    status      text,
    -- the action's place in the definition's actions
    position    bigint      not null,
    created     timestamptz not null,
    updated     timestamptz not null,
    doc         jsonb       not null,
    primary key (account_id, id),
    foreign key (account_id, flow_id) references flow (account_id, id) on delete cascade
);
create index flow_action_by_flow on flow_action (account_id, flow_id, id);

create table flow_message (
    account_id  text        not null,
    id          text        not null,
    action_id   text        not null,
    channel     text        not null,
    name        text,
    -- the template the message names, if any (the templates feature serves the template itself)
    template_id text,
    created     timestamptz not null,
    updated     timestamptz not null,
    doc         jsonb       not null,
    primary key (account_id, id),
    foreign key (account_id, action_id) references flow_action (account_id, id) on delete cascade
);
create index flow_message_by_action on flow_message (account_id, action_id, id);

create table tag_flow (
    account_id text not null,
    tag_id     text not null,
    flow_id    text not null,
    primary key (account_id, tag_id, flow_id),
    foreign key (account_id, tag_id) references tag (account_id, id) on delete cascade,
    foreign key (account_id, flow_id) references flow (account_id, id) on delete cascade
);
create index tag_flow_by_flow on tag_flow (account_id, flow_id, tag_id);
