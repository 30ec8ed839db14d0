package dev.openprofile.jsonapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.filter.FieldRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every operation of the spec revision we implement, read once from the extract on the classpath. */
public final class OperationCatalog {
    private final String revision;
    private final Map<String, Operation> operations;
    private final Set<String> scopes;

    private OperationCatalog(String revision, Map<String, Operation> operations) {
        this.revision = revision;
        this.operations = operations;
        Set<String> all = new LinkedHashSet<>();
        operations.values().forEach(op -> all.addAll(op.scopes()));
        this.scopes = Set.copyOf(all);
    }

    /**
     * Using include needs read scope on the included resource too (semantics §1): {@code lists} needs
     * lists:read, {@code profile} profiles:read. Includes with no scope of their own need nothing more.
     */
    public Optional<String> readScopeForInclude(String include) {
        String plural = include.endsWith("s") ? include : include + "s";
        String scope = plural + ":read";
        return scopes.contains(scope) ? Optional.of(scope) : Optional.empty();
    }

    public static OperationCatalog load() {
        try (InputStream in = OperationCatalog.class.getResourceAsStream("/spec/operations.json")) {
            if (in == null) throw new IllegalStateException("spec/operations.json missing from the classpath");
            JsonNode root = Json.MAPPER.readTree(in);
            Map<String, Operation> ops = new LinkedHashMap<>();
            root.get("operations").properties().forEach(e -> ops.put(e.getKey(), parse(e.getKey(), e.getValue())));
            return new OperationCatalog(root.get("revision").asText(), Map.copyOf(ops));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String revision() { return revision; }

    public Operation get(String operationId) {
        Operation op = operations.get(operationId);
        if (op == null) throw new IllegalArgumentException("unknown operation " + operationId);
        return op;
    }

    public int size() { return operations.size(); }

    public java.util.Collection<Operation> all() { return operations.values(); }

    private static Operation parse(String id, JsonNode n) {
        Set<String> scopes = new LinkedHashSet<>();
        n.path("scopes").forEach(s -> scopes.add(s.asText()));
        JsonNode rl = n.path("rateLimit");
        List<Operation.QueryBucket> queryBuckets = new ArrayList<>();
        rl.path("queryBuckets").forEach(b -> queryBuckets.add(new Operation.QueryBucket(b.get("parameter").asText(),
                b.get("value").asText(), b.get("burst").asInt(), b.get("steady").asInt())));
        var rateLimit = new Operation.RateLimit(rl.path("burst").asInt(0), rl.path("steady").asInt(0),
                rl.path("daily").isNumber() ? rl.get("daily").asInt() : null, List.copyOf(queryBuckets));
        List<Integer> statuses = new ArrayList<>();
        n.path("successStatuses").forEach(s -> statuses.add(s.asInt()));
        Map<String, Operation.QueryParameter> query = new LinkedHashMap<>();
        n.path("query").properties().forEach(e -> query.put(e.getKey(), queryParameter(e.getKey(), e.getValue())));
        Map<String, FieldRule> filters = new LinkedHashMap<>();
        n.path("filters").properties().forEach(e -> filters.put(e.getKey(), FieldRule.fromSpec(e.getValue())));
        return new Operation(id, n.get("method").asText(), n.get("path").asText(), n.path("tag").asText(),
                Set.copyOf(scopes), rateLimit, List.copyOf(statuses), Map.copyOf(query), Map.copyOf(filters),
                n.hasNonNull("requestSchema") ? n.get("requestSchema").asText() : null);
    }

    private static Operation.QueryParameter queryParameter(String name, JsonNode n) {
        Set<String> values = new LinkedHashSet<>();
        n.path("enum").forEach(v -> values.add(v.asText()));
        return new Operation.QueryParameter(name, n.path("required").asBoolean(false), values,
                intOrNull(n.get("default")), intOrNull(n.get("minimum")), intOrNull(n.get("maximum")));
    }

    private static Integer intOrNull(JsonNode n) {
        return n != null && n.isNumber() ? n.asInt() : null;
    }
}
