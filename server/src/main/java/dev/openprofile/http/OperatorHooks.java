package dev.openprofile.http;

import java.util.function.Supplier;

/**
 * What the operator's controls hang on the request path: a listener told of every answered request
 * (journal, metrics, log line), the faults that strike authenticated requests, and the metrics text
 * served at {@code GET /metrics}.
 */
public record OperatorHooks(RequestListener listener, FaultSource faults, Supplier<String> metrics) {
    public static final OperatorHooks NONE = new OperatorHooks(r -> { }, FaultSource.NONE, () -> "");
}
