-- A row version for optimistic writes: an upsert of an existing profile reads it without a lock and
-- writes with "where version = ?", falling back to a locking transaction when another write got in.
alter table profile add column version bigint not null default 0;
