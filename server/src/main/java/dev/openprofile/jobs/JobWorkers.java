package dev.openprofile.jobs;

import dev.openprofile.store.Jdbc;
import dev.openprofile.telemetry.Telemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workers of this node. Each claims a job (any node's, any account's), runs it chunk by chunk,
 * each chunk one transaction that also renews the lease, and marks it complete. A node that dies
 * leaves its lease to expire; then any worker resumes the job where its last committed chunk ended.
 */
public final class JobWorkers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobWorkers.class);
    /** How long a finished job stays readable. */
    public static final Duration RETENTION = Duration.ofDays(7);
    private static final long IDLE_POLL_MILLIS = 500;

    private final Jdbc jdbc;
    private final JobQueue queue;
    private final Map<String, JobHandler> handlers;
    private final Clock clock;
    private final Clock leaseClock;
    private final Duration lease;
    private final Telemetry telemetry;
    private final String owner = "node-" + UUID.randomUUID();
    private final Object signal = new Object();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    /**
     * @param clock      the clock of the jobs' timestamps (the operator's)
     * @param leaseClock the clock leases are measured by: real time, so that an operator moving the clock an
     *                   hour forward does not make every running job's lease look expired and hand it over
     * @param lease      how long a job stays with a worker that stopped renewing it (a crashed node)
     */
    public JobWorkers(Jdbc jdbc, Clock clock, Clock leaseClock, Duration lease, List<JobHandler> handlers, Telemetry telemetry) {
        this.jdbc = jdbc;
        this.lease = lease;
        this.queue = new JobQueue(jdbc);
        this.clock = clock;
        this.leaseClock = leaseClock;
        this.telemetry = telemetry;
        telemetry.jobQueueDepth(queue::depth);
        this.handlers = handlers.stream().collect(Collectors.toMap(JobHandler::kind, Function.identity()));
    }

    public JobWorkers start(int count) {
        for (int i = 0; i < count; i++) {
            Thread t = Thread.ofPlatform().name("job-worker-" + i).daemon().start(this::loop);
            threads.add(t);
        }
        return this;
    }

    /** Tells idle workers that a job was just enqueued on this node, so they need not wait for their poll. */
    public void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void loop() {
        Outage outage = new Outage();
        while (running) {
            try {
                Optional<Job> job = queue.claim(owner, now(), leaseNow(), lease);
                outage.over();
                if (job.isPresent()) {
                    run(job.get(), outage);
                } else {
                    synchronized (signal) {
                        signal.wait(IDLE_POLL_MILLIS);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (Jdbc.StoreException e) {
                if (!running) return;
                if (!e.unavailable()) {
                    log.error("job worker error; the job will be resumed when its lease expires", e);
                    sleepQuietly(IDLE_POLL_MILLIS);
                } else if (!outage.waitOut(e)) return;
            } catch (RuntimeException e) {
                if (!running) return;
                log.error("job worker error; the job will be resumed when its lease expires", e);
                sleepQuietly(IDLE_POLL_MILLIS);
            }
        }
    }

    /** Runs the job chunk by chunk; a chunk the database dropped is retried when it is back. */
    private void run(Job job, Outage outage) {
        JobHandler handler = handlers.get(job.kind());
        if (handler == null) throw new IllegalStateException("no handler for job kind " + job.kind());
        boolean done = false;
        long began = System.nanoTime();
        while (!done && running) {
            Boolean result;
            try {
                result = jdbc.inTransaction(c -> {
                    if (!JobQueue.renew(c, job, owner, leaseNow(), lease)) return null; // another worker took it over
                    boolean finished = handler.processChunk(c, job);
                    if (finished) JobQueue.complete(c, job, now(), RETENTION);
                    return finished;
                });
                outage.over();
            } catch (Jdbc.StoreException e) {
                // A deadlock with another chunk aborted this one whole: run it again now rather than at lease expiry.
                if (e.conflict() && running) continue;
                if (!e.unavailable() || !running) throw e;
                if (!outage.waitOut(e)) return;
                continue;
            }
            if (result == null) return;
            done = result;
        }
        if (done) telemetry.jobCompleted(job.kind(), Duration.ofNanos(System.nanoTime() - began));
    }

    /** While the database is unreachable a worker waits longer each time, and says so once, not per try. */
    private final class Outage {
        private static final long MAX_WAIT_MILLIS = 8_000;
        private long waitMillis;

        /** Waits before the next try; false when the workers are stopping. */
        boolean waitOut(Jdbc.StoreException e) {
            if (waitMillis == 0) {
                log.warn("{}: database unavailable ({}); jobs wait until it is back", Thread.currentThread().getName(),
                        e.getCause().getMessage());
            }
            waitMillis = Math.min(MAX_WAIT_MILLIS, Math.max(IDLE_POLL_MILLIS, waitMillis * 2));
            sleepQuietly(waitMillis);
            return running;
        }

        void over() {
            if (waitMillis != 0) log.info("{}: database reachable again; jobs resume", Thread.currentThread().getName());
            waitMillis = 0;
        }
    }

    private OffsetDateTime leaseNow() {
        return OffsetDateTime.ofInstant(leaseClock.instant().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
