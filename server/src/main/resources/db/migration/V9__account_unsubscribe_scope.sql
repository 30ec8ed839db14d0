-- Whether an unsubscribe from a list is global (Klaviyo's default: "unsubscribed from all lists
-- whenever they unsubscribe ... checked by default") or suppresses the list only (a paid-account
-- setting). Set by the operator (admin API, `openprofile accounts set`); docs/compatibility.md, "Consent".
-- Numbered V9 because V8 is reserved for a migration being written on main.
alter table account
    add column unsubscribe_scope text not null default 'global'
        constraint account_unsubscribe_scope check (unsubscribe_scope in ('global', 'list'));
