-- Custom object ingestion without one ingestion per account at a time (issue 17; docs/compatibility.md, "Custom
-- objects: records and ingestion"): every data source record gets a number when the server accepts it (the single
-- call, a bulk job's submit; a record kept pending keeps its number), and an object record keeps the number of the
-- record that last wrote it. A write whose number is lower than the stored one changes nothing, so concurrent jobs
-- may run in any order and a record sent twice still ends as sent last.
create sequence object_record_accepted;
alter table object_record add column accepted bigint not null default 0;
alter table data_source_record_job_item add column accepted bigint not null default nextval('object_record_accepted');
alter table pending_data_source_record add column accepted bigint not null default nextval('object_record_accepted');
