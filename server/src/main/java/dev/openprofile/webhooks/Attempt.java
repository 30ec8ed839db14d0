package dev.openprofile.webhooks;

import java.time.OffsetDateTime;

/** One POST of a delivery: the receiver's status code, or the error when it gave none. */
record Attempt(int number, OffsetDateTime at, Integer statusCode, String error, long durationMs) {
    boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
}
