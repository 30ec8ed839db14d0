-- The outbox's SMTP relay (issue 16). A pending email is due at relay_next_at (null: at once), on the operator's
-- clock, so retries back off on it; relay_lease_until is how long a relayer holds its claim, on real time, so a
-- crashed node's claim comes back and moving the clock never ends a lease under an SMTP exchange in flight.
alter table outbox_message add column relay_next_at timestamptz, add column relay_lease_until timestamptz;
