package dev.openprofile.operator;

import dev.openprofile.http.FinishedRequest;
import dev.openprofile.http.RequestListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last {@code size} requests of each account, in this node's memory (each node of a cluster keeps
 * its own). A request whose account is unknown (no valid key, an unknown path, a Jetty rejection, the
 * admin API) belongs to no journal.
 *
 * <p>The body is kept as the reference to the bytes the gate already read (no copy, no decoding on
 * the request path); it is decoded only when an answer asks for bodies. A body over 64 KB is cut
 * there, once, by a copy of its first 64 KB. So a journal holds at most {@code size} x 64 KB of bodies
 * per account, and OPENPROFILE_JOURNAL_SIZE bounds it.
 */
final class RequestJournal implements RequestListener {
    static final int BODY_LIMIT = 64 * 1024;

    private final int size;
    private final Map<String, Ring> byAccount = new ConcurrentHashMap<>();

    /** @param size requests kept per account; 0 keeps none (the journal is off) */
    RequestJournal(int size) {
        this.size = size;
    }

    boolean enabled() {
        return size > 0;
    }

    @Override
    public void finished(FinishedRequest r) {
        if (size == 0 || r.accountId() == null) return;
        byte[] body = r.body();
        if (body != null && body.length > BODY_LIMIT) {
            r = new FinishedRequest(r.time(), r.method(), r.path(), r.query(), r.operationId(), r.accountId(),
                    r.status(), r.duration(), r.requestId(), java.util.Arrays.copyOf(body, BODY_LIMIT));
        }
        byAccount.computeIfAbsent(r.accountId(), a -> new Ring(size)).add(r);
    }

    /** The account's last {@code limit} requests, newest first. */
    List<FinishedRequest> newest(String accountId, int limit) {
        Ring ring = byAccount.get(accountId);
        return ring == null ? List.of() : ring.newest(limit);
    }

    /** A fixed-size ring of one account's requests; a lock per account keeps adds cheap and reads consistent. */
    private static final class Ring {
        private final FinishedRequest[] entries;
        private long added;

        Ring(int size) {
            entries = new FinishedRequest[size];
        }

        synchronized void add(FinishedRequest r) {
            entries[(int) (added++ % entries.length)] = r;
        }

        synchronized List<FinishedRequest> newest(int limit) {
            int n = (int) Math.min(Math.min(limit, added), entries.length);
            List<FinishedRequest> out = new ArrayList<>(n);
            for (long i = added - 1; out.size() < n; i--) out.add(entries[(int) (i % entries.length)]);
            return out;
        }
    }
}
