-- Campaigns (issue 16): a campaign and its messages, served by the resource kit, and the links of tags to campaigns.
-- A campaign's channel (the channel of its messages, which Klaviyo keeps one per campaign) has its own column, so
-- that get_campaigns' required messages.channel filter reads an index. Deleting a campaign deletes its messages by
-- foreign key (docs/compatibility.md, "Campaigns").
create table campaign (
    account_id   text        not null references account (account_id),
    id           text        not null,
    name         text        not null,
    status       text        not null,
    archived     boolean     not null,
    channel      text        not null,
    scheduled_at timestamptz,
    send_time    timestamptz,
    created      timestamptz not null,
    updated      timestamptz not null,
    -- audiences, send_strategy, send_options, tracking_options
    doc          jsonb       not null,
    primary key (account_id, id)
);
create index campaign_by_channel on campaign (account_id, channel, id);

create table campaign_message (
    account_id  text        not null,
    id          text        not null,
    campaign_id text        not null,
    channel     text        not null,
    -- the message's own (non-reusable) template, a clone of the one assigned; and its image
    template_id text,
    image_id    text,
    created     timestamptz not null,
    updated     timestamptz not null,
    doc         jsonb       not null,
    primary key (account_id, id),
    foreign key (account_id, campaign_id) references campaign (account_id, id) on delete cascade
);
create index campaign_message_by_campaign on campaign_message (account_id, campaign_id, id);

create table tag_campaign (
    account_id  text not null,
    tag_id      text not null,
    campaign_id text not null,
    primary key (account_id, tag_id, campaign_id),
    foreign key (account_id, tag_id) references tag (account_id, id) on delete cascade,
    foreign key (account_id, campaign_id) references campaign (account_id, id) on delete cascade
);
create index tag_campaign_by_campaign on tag_campaign (account_id, campaign_id, tag_id);
