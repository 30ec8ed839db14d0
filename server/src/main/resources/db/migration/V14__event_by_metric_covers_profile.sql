-- The events of one metric in a time range, with their profiles, from the index alone (issue 11's benchmark,
-- docs/benchmarks.md): a segment's metric condition (EventQueries.OF_METRIC, grouped by profile) read the heap of
-- the whole year's partition to find the last 30 days' events, because event_by_metric did not hold profile_id:
-- 2.4 GB for 800,000 of 10,000,000 events. With profile_id included the range is an index-only scan, and a
-- segment's full evaluation took 2.1-2.5 s instead of 3.1-3.5 s. The key is unchanged, so every other use of the
-- index reads it as before; each entry is 27 bytes longer.
drop index event_by_metric;
create index event_by_metric on event (account_id, metric_id, datetime, id) include (profile_id);
