-- Catalogs (issue 14), served by the resource kit: one table per kind, real columns for what is filtered,
-- sorted or unique, JSONB (doc) for the rest. Ids are Klaviyo's compound ids ($custom:::$default:::EXTERNAL_ID),
-- so the primary key is also the uniqueness of an external id within its catalog.
create table catalog_item (
    account_id  text        not null references account (account_id),
    id          text        not null,
    external_id text        not null,
    title       text        not null,
    published   boolean     not null,
    created     timestamptz not null,
    updated     timestamptz not null,
    doc         jsonb       not null,
    primary key (account_id, id)
);
create index catalog_item_by_created on catalog_item (account_id, created, id);

-- A variant belongs to one item, and goes with it (docs/compatibility.md, "Catalogs").
create table catalog_variant (
    account_id  text        not null,
    id          text        not null,
    item_id     text        not null,
    external_id text        not null,
    title       text        not null,
    sku         text        not null,
    published   boolean     not null,
    created     timestamptz not null,
    updated     timestamptz not null,
    doc         jsonb       not null,
    primary key (account_id, id),
    foreign key (account_id, item_id) references catalog_item (account_id, id) on delete cascade
);
create index catalog_variant_by_created on catalog_variant (account_id, created, id);
create index catalog_variant_by_item on catalog_variant (account_id, item_id, created, id);
create index catalog_variant_by_sku on catalog_variant (account_id, sku);

create table catalog_category (
    account_id  text        not null references account (account_id),
    id          text        not null,
    external_id text        not null,
    name        text        not null,
    created     timestamptz not null,
    updated     timestamptz not null,
    doc         jsonb       not null,
    primary key (account_id, id)
);
create index catalog_category_by_created on catalog_category (account_id, created, id);

-- Item <-> category links, read from both sides; a deleted item or category takes its links with it.
create table catalog_item_category (
    account_id  text not null,
    item_id     text not null,
    category_id text not null,
    primary key (account_id, item_id, category_id),
    foreign key (account_id, item_id) references catalog_item (account_id, id) on delete cascade,
    foreign key (account_id, category_id) references catalog_category (account_id, id) on delete cascade
);
create index catalog_item_category_by_category on catalog_item_category (account_id, category_id, item_id);
