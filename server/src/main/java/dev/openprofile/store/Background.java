package dev.openprofile.store;

import java.time.Duration;

/**
 * A daemon thread that runs a step again and again, pausing as long as the step asks, until closed (the
 * embedded PostgreSQL's supervisor, the segment refresher). Closing interrupts a pause and waits for the
 * step under way.
 */
public final class Background implements AutoCloseable {
    /** One round of work; returns how long to pause before the next. */
    @FunctionalInterface
    public interface Step {
        Duration run() throws InterruptedException;
    }

    private final Thread thread;
    private volatile boolean running = true;

    private Background(String name, Step step) {
        this.thread = Thread.ofPlatform().name(name).daemon().unstarted(() -> {
            try {
                while (running) Thread.sleep(step.run());
            } catch (InterruptedException e) {
                // closed
            }
        });
    }

    public static Background start(String name, Step step) {
        Background b = new Background(name, step);
        b.thread.start();
        return b;
    }

    /** False once closing began: a step that fails then should stay quiet. */
    public boolean running() {
        return running;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
