-- Static lists and their members (issue 3). Both tables belong to the lists feature.
create table list (
    account_id      text not null references account (account_id),
    id              text not null,
    name            text not null,
    opt_in_process  text not null check (opt_in_process in ('single_opt_in', 'double_opt_in')),
    created         timestamptz not null,
    updated         timestamptz not null,
    primary key (account_id, id)
);
create index list_created on list (account_id, created, id);
create index list_updated on list (account_id, updated, id);
create index list_name on list (account_id, name, id);

create table list_membership (
    account_id       text not null,
    list_id          text not null,
    profile_id       text not null,
    -- when the profile first joined; adding it again keeps the first time.
    joined_group_at  timestamptz not null,
    primary key (account_id, list_id, profile_id),
    foreign key (account_id, list_id) references list (account_id, id) on delete cascade,
    foreign key (account_id, profile_id) references profile (account_id, id) on delete cascade
);
-- Members in join order (keyset pages), and a profile's lists.
create index list_membership_joined on list_membership (account_id, list_id, joined_group_at, profile_id);
create index list_membership_profile on list_membership (account_id, profile_id, list_id);
