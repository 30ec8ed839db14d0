-- The operator's controls that every node of one database must share (issue 13, docs/compatibility.md,
-- "Operator controls"). Each node keeps an in-memory copy, refreshed when it changes them and every second.

-- The controllable clock: no row is real time; frozen_at set is a clock standing still at that instant;
-- otherwise real time moved by offset_ms.
create table operator_clock (
    singleton  boolean primary key default true check (singleton),
    frozen_at  timestamptz,
    offset_ms  bigint not null default 0
);

-- Injected faults. remaining (null: no count) is decremented in one statement each time the fault
-- strikes, so a fault with a count strikes exactly that many times across nodes and threads.
create table operator_fault (
    id            text primary key,
    account_id    text not null,
    operation_id  text,
    status        integer check (status in (429, 500, 502, 503, 504)),
    rate          double precision not null check (rate >= 0 and rate <= 1),
    remaining     integer check (remaining >= 0),
    latency_ms    integer not null default 0 check (latency_ms >= 0),
    created       timestamptz not null,
    check (status is not null or latency_ms > 0)
);
