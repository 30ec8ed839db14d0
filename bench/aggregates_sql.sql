-- The hand-written baseline of query_metric_aggregates (daily counts in UTC), for pgbench -M prepared.
select date_trunc('day', datetime at time zone 'UTC') as day, count(*)
from event
where account_id = :acct and metric_id = :metric and datetime >= :start and datetime < :end
group by 1;
