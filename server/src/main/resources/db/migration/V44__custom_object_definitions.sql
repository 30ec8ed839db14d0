-- Custom objects (issue 17), the definitions: data sources, object types, their schemas (one draft at most, one
-- current, earlier versions superseded), each schema's source mapping and relationships (to other object types and
-- to profiles). The records ingested through them live in V45. docs/compatibility.md, "Custom objects", holds the
-- decisions; the JSON columns hold the members exactly as the API shows them.
create table data_source (
    account_id  text        not null references account (account_id),
    id          text        not null,
    title       text        not null,
    visibility  text        not null,
    description text        not null,
    namespace   text        not null,
    created     timestamptz not null,
    updated     timestamptz not null,
    primary key (account_id, id),
    unique (account_id, namespace, title)
);

create table object_type (
    account_id        text        not null references account (account_id),
    id                text        not null,
    title             text        not null,
    description       text        not null,
    visibility        text        not null,
    namespace         text        not null,
    -- No foreign keys to object_schema (it points back here): the definitions code keeps both in one transaction.
    current_schema_id text,
    draft_schema_id   text,
    created           timestamptz not null,
    updated           timestamptz not null,
    primary key (account_id, id)
);
create index object_type_by_namespace on object_type (account_id, namespace, id);

create table object_schema (
    account_id     text        not null,
    id             text        not null,
    object_type_id text        not null,
    title          text        not null,
    description    text        not null,
    visibility     text        not null,
    -- superseded: an earlier current version (shown with its published_at, see compatibility.md)
    status         text        not null check (status in ('draft', 'active', 'superseded')),
    properties     jsonb       not null, -- [{"id": 1, "name": "age", "type": "int", "description": ""}]
    required       jsonb       not null, -- ["age"]: property names
    published_at   timestamptz,
    created        timestamptz not null,
    updated        timestamptz not null,
    primary key (account_id, id),
    foreign key (account_id, object_type_id) references object_type (account_id, id) on delete cascade
);
create index object_schema_by_type on object_schema (account_id, object_type_id, created, id);

-- A relationship of a schema to another object type's schema (related_kind 'object') or to profiles ('profile').
-- A new draft of a type that has a current schema starts with copies of the current one's relationships, with
-- the same ids, so that its source mapping's relationship_id members keep naming them.
create table object_schema_relationship (
    account_id             text        not null,
    object_schema_id       text        not null,
    id                     text        not null,
    related_kind           text        not null check (related_kind in ('object', 'profile')),
    related_schema_id      text,
    related_object_type_id text,
    name                   text        not null,
    description            text        not null,
    created                timestamptz not null,
    primary key (account_id, object_schema_id, id),
    unique (account_id, object_schema_id, name),
    check ((related_kind = 'object') = (related_object_type_id is not null)),
    foreign key (account_id, object_schema_id) references object_schema (account_id, id) on delete cascade,
    foreign key (account_id, related_object_type_id) references object_type (account_id, id) on delete cascade
);

-- One per schema.
create table source_mapping (
    account_id            text        not null,
    id                    text        not null,
    object_schema_id      text        not null,
    property_mappings     jsonb       not null, -- the API's property_mappings array
    relationship_mappings jsonb       not null, -- the API's relationship_mappings array
    created               timestamptz not null,
    updated               timestamptz not null,
    primary key (account_id, id),
    unique (account_id, object_schema_id),
    foreign key (account_id, object_schema_id) references object_schema (account_id, id) on delete cascade
);

-- The data sources a mapping reads (every source_id it names), kept with the mapping: ingestion finds the current
-- schemas of a data source by this index, and a data source a mapping reads cannot be deleted.
create table source_mapping_source (
    account_id        text not null,
    source_mapping_id text not null,
    data_source_id    text not null,
    primary key (account_id, source_mapping_id, data_source_id),
    foreign key (account_id, source_mapping_id) references source_mapping (account_id, id) on delete cascade,
    foreign key (account_id, data_source_id) references data_source (account_id, id)
);
create index source_mapping_source_by_source on source_mapping_source (account_id, data_source_id);
