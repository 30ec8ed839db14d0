package dev.openprofile.operator;

import java.time.Instant;

/**
 * An injected fault: requests of {@code accountId} to {@code operationId} (null: every operation)
 * are, at {@code rate}, delayed by {@code latencyMs} and answered {@code status} (null: latency only),
 * {@code remaining} more times (null: until removed).
 */
record Fault(String id, String accountId, String operationId, Integer status, double rate, Integer remaining,
             int latencyMs, Instant created) {

    boolean matches(String account, String operation) {
        return accountId.equals(account) && (operationId == null || operationId.equals(operation));
    }
}
