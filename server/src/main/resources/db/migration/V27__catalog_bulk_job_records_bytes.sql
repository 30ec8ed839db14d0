-- A catalog bulk job's submitted records as the UTF-8 bytes of their JSON, stored uncompressed (issue 14,
-- bench/catalog-sync.sh): as json each 50 KB body was parsed by PostgreSQL and compressed on insert, then
-- decompressed and turned back into text for the worker, about a tenth of PostgreSQL's time in a sync. The
-- server wrote the bytes from the request's parsed records and alone reads them, as before.
alter table catalog_bulk_job alter column records type bytea using convert_to(records::text, 'UTF8');
alter table catalog_bulk_job alter column records set storage external;
