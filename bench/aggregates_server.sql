-- The server's own query for the same request (AggregateStore.aggregate: bucket starts as thresholds), for
-- pgbench -M prepared: what the SQL costs without the JVM, HTTP and JSON around it.
select width_bucket(e.datetime, :thresholds::timestamptz[]), count(*)
from event e
where e.account_id = :acct and e.metric_id = :metric and e.datetime >= :start and e.datetime < :end and TRUE
group by 1;
