-- The web console's jobs page reads an account's newest jobs of every kind (JobQueue.recent); without this index
-- every refresh sorted all of the account's jobs.
create index job_recent on job (account_id, created_at desc, id desc);
