package dev.openprofile.http;

import java.util.Optional;

/** The faults an operator injects (docs/compatibility.md, "Operator controls"): which one strikes a request. */
@FunctionalInterface
public interface FaultSource {
    /**
     * The fault that strikes this authenticated request, if any; a fault with a count has already
     * spent one of them when it is returned.
     */
    Optional<Strike> strike(String accountId, String operationId);

    /** @param status the error to answer, 0 for latency only */
    record Strike(int status, long latencyMs) {}

    FaultSource NONE = (accountId, operationId) -> Optional.empty();
}
