-- The account's queued and processing jobs of some kinds, counted before a bulk job is accepted (the spec's limits
-- of jobs in progress): a partial index, so the count reads only the few unfinished jobs, never the history.
create index job_in_progress on job (account_id, kind) where status in ('queued', 'processing');
