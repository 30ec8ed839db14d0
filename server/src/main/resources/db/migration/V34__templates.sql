-- Templates and universal content (issue 16), served by the resource kit. What the spec filters or sorts by is a
-- column (name, editor type, created, updated); html, text, amp and a drag-and-drop definition live in doc.
create table template (
    account_id  text        not null references account (account_id),
    id          text        not null,
    name        text        not null,
    editor_type text        not null,
    created     timestamptz not null,
    updated     timestamptz not null,
    doc         jsonb       not null,
    primary key (account_id, id)
);
create index template_by_created on template (account_id, created, id);
create index template_by_updated on template (account_id, updated, id);
create index template_by_name on template (account_id, name, id);

-- A universal content block; get_all_universal_content filters on definition.content_type and definition.type,
-- which are generated from the stored definition so that no write path can let them drift.
create table template_universal_content (
    account_id   text        not null references account (account_id),
    id           text        not null,
    name         text        not null,
    created      timestamptz not null,
    updated      timestamptz not null,
    doc          jsonb       not null,
    content_type text generated always as (doc -> 'definition' ->> 'content_type') stored,
    block_type   text generated always as (doc -> 'definition' ->> 'type') stored,
    primary key (account_id, id)
);
create index template_universal_content_by_created on template_universal_content (account_id, created, id);
create index template_universal_content_by_name on template_universal_content (account_id, name, id);
