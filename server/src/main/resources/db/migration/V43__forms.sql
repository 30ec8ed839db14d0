-- Forms (issue 17): a form and its versions, served by the resource kit. A create makes the form and one version
-- per entry of its definition's versions; the form's document keeps the definition as get_form shows it. Deleting a
-- form deletes its versions by a foreign key (docs/compatibility.md, "Forms").
create table form (
    account_id text        not null references account (account_id),
    id         text        not null,
    name       text        not null,
    status     text        not null,
    ab_test    boolean     not null,
    created    timestamptz not null,
    updated    timestamptz not null,
    doc        jsonb       not null,
    primary key (account_id, id)
);
create index form_by_created on form (account_id, created, id);

create table form_version (
    account_id     text        not null,
    id             text        not null,
    form_id        text        not null,
    form_type      text        not null,
    status         text        not null,
    created        timestamptz not null,
    updated        timestamptz not null,
    doc            jsonb       not null,
    primary key (account_id, id),
    foreign key (account_id, form_id) references form (account_id, id) on delete cascade
);
create index form_version_by_form on form_version (account_id, form_id, id);
