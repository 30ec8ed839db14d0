-- A catalog bulk job's submitted records as the UTF-8 bytes of their JSON (issue 14, bench/catalog-sync.sh): as
-- json PostgreSQL parsed each 50 KB body on insert and turned it back into text for the worker, and the server
-- serialized it to a String and parsed it from one. The server writes the bytes from the request's parsed
-- records and alone reads them, so their text is kept as before. (Compressed as any bytea: stored uncompressed,
-- each job's records were 27 TOAST rows written and deleted, which cost PostgreSQL more than the compression.)
alter table catalog_bulk_job alter column records type bytea using convert_to(records::text, 'UTF8');
