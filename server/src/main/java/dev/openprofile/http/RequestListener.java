package dev.openprofile.http;

/** Told of every answered request, after its answer is written (the journal, the metrics, the request log). */
@FunctionalInterface
public interface RequestListener {
    void finished(FinishedRequest request);
}
