package dev.openprofile.http;

import java.time.Duration;
import java.time.Instant;

/**
 * One answered request, as the journal, the metrics and the request log see it. The Authorization
 * header is not part of it, so no listener can store it.
 *
 * @param time        when it began, on the server's (operator-controlled) clock
 * @param query       the raw query string, null without one
 * @param operationId the spec operation it matched, null when none did
 * @param accountId   the account it authenticated as, null when it never did (a rejected key, an unknown path)
 * @param body        the request body as read by the gate, null when none was read
 */
public record FinishedRequest(Instant time, String method, String path, String query, String operationId,
                              String accountId, int status, Duration duration, String requestId, byte[] body) {}
