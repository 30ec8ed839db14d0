package dev.openprofile.objectrecords;

import dev.openprofile.customobjects.ObjectTypes;
import dev.openprofile.customobjects.SchemaActivation;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jobs.JobHandler;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.profiles.ProfileData;
import dev.openprofile.profiles.ProfileService;
import dev.openprofile.store.Jdbc;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * The object records feature as App wires it: its endpoints, its job handlers, the activation callback the
 * definitions call, its part of merges and deletions, and the retention of its logs and jobs.
 */
public final class ObjectRecords implements AutoCloseable {
    private final List<Endpoint> endpoints;
    private final IngestionJobs jobs;
    private final ObjectRecordRetention retention;

    private ObjectRecords(List<Endpoint> endpoints, IngestionJobs jobs, ObjectRecordRetention retention) {
        this.endpoints = endpoints;
        this.jobs = jobs;
        this.retention = retention;
    }

    public static ObjectRecords start(Jdbc jdbc, ProfileService profiles, Clock clock, Supplier<String> ids, Links links,
                                      Runnable wakeWorkers) {
        Ingestion ingestion = new Ingestion(profiles);
        IngestionJobs jobs = new IngestionJobs(ingestion, clock, ids, wakeWorkers);
        ObjectRecordService service = new ObjectRecordService(jdbc, profiles, ingestion, jobs, clock);
        return new ObjectRecords(new ObjectRecordRoutes(service, new ObjectTypes(jdbc, links), links).endpoints(), jobs, new ObjectRecordRetention(jdbc, clock));
    }

    public List<Endpoint> endpoints() {
        return endpoints;
    }

    public List<JobHandler> handlers() {
        return jobs.handlers();
    }

    /** Told by the definitions when a schema becomes current: records waiting for it are backfilled. */
    public SchemaActivation activation() {
        return jobs;
    }

    public ProfileData profileData() {
        return new ObjectRecordProfileData();
    }

    @Override
    public void close() {
        retention.close();
    }
}
