-- Coupons and coupon codes (issue 15), served by the resource kit. A coupon's id is its external id; a code's id
-- is its coupon's id and its unique code ("10OFF-ASD325"), so the primary key is also the uniqueness of a code
-- within its coupon. A coupon's codes go with it (docs/compatibility.md, "Coupons").
create table coupon (
    account_id  text        not null references account (account_id),
    id          text        not null,
    external_id text        not null,
    created     timestamptz not null,
    updated     timestamptz not null,
    doc         jsonb       not null,
    primary key (account_id, id)
);
create index coupon_by_created on coupon (account_id, created, id);

create table coupon_code (
    account_id  text        not null,
    id          text        not null,
    coupon_id   text        not null,
    profile_id  text,
    unique_code text        not null,
    expires_at  timestamptz,
    status      text        not null,
    created     timestamptz not null,
    updated     timestamptz not null,
    primary key (account_id, id),
    foreign key (account_id, coupon_id) references coupon (account_id, id) on delete cascade
);
create index coupon_code_by_coupon on coupon_code (account_id, coupon_id, created, id);
create index coupon_code_by_profile on coupon_code (account_id, profile_id) where profile_id is not null;
