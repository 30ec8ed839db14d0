-- One new profile per transaction, for pgbench (-D acct=... -D tag=...): the per-statement cost of the segment
-- triggers (V12) on single-row writes, in an account with or without an active segment. Ids come from a sequence
-- (bench_insert_seq), emails are unique per run (tag).
insert into profile (account_id, id, email, first_name, last_name, properties, created, updated)
select :acct, '01BENCHI' || lpad(n::text, 18, '0'), :tag::text || '-' || n || '@insert.bench.example', 'Bench', 'Insert',
       jsonb_build_object('Country', 'DE', 'plan', 'free'), now(), now()
from (select nextval('bench_insert_seq') as n) s;
