-- A profile's conversations (one per channel) and their messages. OpenProfile sends nothing: an
-- outbound message (create_conversation_message) is recorded for a test or the operator to read, and
-- an inbound one is what the operator records through the admin API (docs/compatibility.md, "Conversations").
create table conversation (
    account_id       text not null,
    id               text not null,
    profile_id       text not null,
    channel          text not null check (channel in ('sms', 'whatsapp', 'instagram')),
    created          timestamptz not null,
    last_message_at  timestamptz not null,
    primary key (account_id, id),
    unique (account_id, profile_id, channel),
    foreign key (account_id, profile_id) references profile (account_id, id) on delete cascade
);

create table conversation_message (
    account_id        text not null,
    id                text not null,
    conversation_id   text not null,
    direction         text not null check (direction in ('inbound', 'outbound')),
    body              text not null,
    message_hierarchy jsonb,
    created           timestamptz not null,
    primary key (account_id, id),
    foreign key (account_id, conversation_id) references conversation (account_id, id) on delete cascade
);
create index conversation_message_by_conversation on conversation_message (account_id, conversation_id, created, id);
