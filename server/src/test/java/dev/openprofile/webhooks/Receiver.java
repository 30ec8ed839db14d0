package dev.openprofile.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * A real webhook receiver on loopback: keeps every request it gets (raw body, headers) and answers with the
 * status its {@code answer} gives (200 unless told otherwise).
 */
final class Receiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Request(String path, Map<String, List<String>> headers, byte[] raw, long receivedNanos) {
        String header(String name) {
            for (var e : headers.entrySet()) if (e.getKey().equalsIgnoreCase(name)) return e.getValue().getFirst();
            return null;
        }

        JsonNode body() {
            try {
                return JSON.readTree(raw);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String text() {
            return new String(raw, StandardCharsets.UTF_8);
        }
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger hits = new AtomicInteger();
    private final HttpServer server;
    volatile IntSupplier answer = () -> 200;
    /** How long each answer is held back (a slow receiver). */
    volatile long delayMs;

    Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            hits.incrementAndGet();
            if (delayMs > 0) {
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status = answer.getAsInt();
            if (status >= 200 && status < 300) {
                requests.add(new Request(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), raw,
                        System.nanoTime()));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The events received (data[] items of every accepted request), in arrival order. */
    List<JsonNode> events() {
        List<JsonNode> out = new ArrayList<>();
        for (Request r : requests) r.body().get("data").forEach(out::add);
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
