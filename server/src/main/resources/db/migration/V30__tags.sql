-- Tags and tag groups (issue 15), served by the resource kit, and the links of tags to the objects they label.
-- A tag belongs to one group; deleting the group deletes its tags, and deleting a tag (or a tagged object) its
-- links, by foreign keys (docs/compatibility.md, "Tags").
create table tag_group (
    account_id text        not null references account (account_id),
    id         text        not null,
    name       text        not null,
    exclusive  boolean     not null,
    -- "default" is a reserved word; the attribute is named default on the wire
    is_default boolean     not null,
    created    timestamptz not null,
    updated    timestamptz not null,
    -- what an update body may carry besides the name (the spec's return_fields), accepted and never shown
    doc        jsonb       not null,
    primary key (account_id, id)
);
create unique index tag_group_by_name on tag_group (account_id, name);
-- Every account has exactly one default group, made on first need: this index makes that race-safe.
create unique index tag_group_one_default on tag_group (account_id) where is_default;

create table tag (
    account_id   text        not null,
    id           text        not null,
    name         text        not null,
    tag_group_id text        not null,
    created      timestamptz not null,
    updated      timestamptz not null,
    primary key (account_id, id),
    foreign key (account_id, tag_group_id) references tag_group (account_id, id) on delete cascade
);
create unique index tag_by_name on tag (account_id, name);
create index tag_by_group on tag (account_id, tag_group_id, id);

-- One link table per kind of tagged object, each with a foreign key to both ends, so a deleted tag or object
-- takes its links. Campaigns and flows get theirs when they exist (issue 16).
create table tag_list (
    account_id text not null,
    tag_id     text not null,
    list_id    text not null,
    primary key (account_id, tag_id, list_id),
    foreign key (account_id, tag_id) references tag (account_id, id) on delete cascade,
    foreign key (account_id, list_id) references list (account_id, id) on delete cascade
);
create index tag_list_by_list on tag_list (account_id, list_id, tag_id);

create table tag_segment (
    account_id text not null,
    tag_id     text not null,
    segment_id text not null,
    primary key (account_id, tag_id, segment_id),
    foreign key (account_id, tag_id) references tag (account_id, id) on delete cascade,
    foreign key (account_id, segment_id) references segment (account_id, id) on delete cascade
);
create index tag_segment_by_segment on tag_segment (account_id, segment_id, tag_id);
