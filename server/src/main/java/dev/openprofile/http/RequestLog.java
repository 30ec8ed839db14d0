package dev.openprofile.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Rfc3339;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per answered request: request id, account, operation id, status and duration. As text
 * through the server's usual log pattern, or (OPENPROFILE_LOG_FORMAT=json) as one JSON object per line
 * with nothing around it, through a logger of its own (logback.xml) so that a log shipper reads it as is.
 */
public final class RequestLog implements RequestListener {
    static final String TEXT_LOGGER = "dev.openprofile.requests";
    static final String JSON_LOGGER = "dev.openprofile.requests.json";

    private final boolean json;
    private final Logger log;

    public RequestLog(boolean json) {
        this.json = json;
        this.log = LoggerFactory.getLogger(json ? JSON_LOGGER : TEXT_LOGGER);
    }

    @Override
    public void finished(FinishedRequest r) {
        if (!log.isInfoEnabled()) return;
        long ms = r.duration().toMillis();
        if (!json) {
            log.info("{} {} {} -> {} in {} ms (request {}, account {}, operation {})", r.method(), r.path(),
                    r.query() == null ? "" : "?" + r.query(), r.status(), ms, r.requestId(),
                    r.accountId() == null ? "-" : r.accountId(), r.operationId() == null ? "-" : r.operationId());
            return;
        }
        // The log's own time is real time, like every other log line's, so that it lines up with other
        // systems' logs even while the operator's clock is moved.
        ObjectNode line = Json.MAPPER.createObjectNode()
                .put("time", Rfc3339.format(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)))
                .put("level", "INFO").put("request_id", r.requestId()).put("account", r.accountId())
                .put("operation", r.operationId()).put("method", r.method()).put("path", r.path())
                .put("status", r.status()).put("duration_ms", ms);
        log.info(line.toString());
    }
}
