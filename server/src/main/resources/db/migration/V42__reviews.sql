-- Reviews (issue 17), served by the resource kit for the private reads and update: real columns for what the
-- spec filters and sorts, JSONB (doc) for the rest. A review is submitted by a profile (found or created by its
-- email) and names a catalog item; a deleted catalog item leaves its reviews as they are, with their product as it
-- was when submitted (docs/compatibility.md, "Reviews").
create table review (
    account_id     text        not null,
    id             text        not null,
    profile_id     text        not null,
    email          text        not null,
    -- The status object as the wire shows it ({"value": ..., "rejection_reason": ...}); status_value is what the
    -- status filter and the public reads compare.
    status         jsonb       not null,
    status_value   text        not null generated always as (status ->> 'value') stored,
    review_type    text        not null,
    -- 0 for a review without a rating (a question), shown as null: a keyset page needs a key that is never null.
    rating         integer     not null,
    verified       boolean     not null,
    content        text        not null,
    item_id        text,
    product_external_id text,
    incentivized   boolean     not null,
    has_media      boolean     not null,
    event_id       text,
    created        timestamptz not null,
    updated        timestamptz not null,
    doc            jsonb       not null,
    primary key (account_id, id),
    foreign key (account_id, profile_id) references profile (account_id, id) on delete cascade
);
create index review_by_created on review (account_id, created, id);
create index review_by_updated on review (account_id, updated, id);
create index review_by_rating on review (account_id, rating, id);
create index review_by_item on review (account_id, item_id, created);
create index review_by_product on review (account_id, product_external_id);
create index review_by_profile on review (account_id, profile_id);
