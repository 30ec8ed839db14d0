/**
 * Custom objects' records: ingestion of data source records through the current schemas (one record synchronously,
 * up to 500 as a bulk job, the same per-record rules either way), the object records and their links to profiles and
 * to other records, the ingestion log of failures, the raw records waiting for a current schema and the backfill that
 * ingests them on activation, bulk deletion. The definitions are read through
 * {@link dev.openprofile.customobjects.CurrentMappings}.
 */
package dev.openprofile.objectrecords;
