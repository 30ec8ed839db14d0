-- Images (issue 15), served by the resource kit for reads and updates; the two uploads are the images feature's
-- own. The bytes live in a file under the images directory (docs/architecture.md, "Image storage"): `file` names
-- it within the account's directory. Names are unique within an account: an upload that reuses one gets a suffix,
-- an update to a taken one is a 409 (docs/compatibility.md, "Images"). Filtered and sorted attributes are columns.
create table image (
    account_id text        not null references account (account_id),
    id         text        not null,
    name       text        not null,
    image_url  text        not null,
    format     text        not null,
    size       bigint      not null,
    hidden     boolean     not null,
    file       text        not null,
    created    timestamptz not null,
    updated    timestamptz not null,
    primary key (account_id, id)
);
create unique index image_name_unique on image (account_id, name);
create index image_by_updated on image (account_id, updated, id);
create index image_by_size on image (account_id, size, id);
create index image_by_format on image (account_id, format, id);
