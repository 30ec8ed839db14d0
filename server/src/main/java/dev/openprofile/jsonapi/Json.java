package dev.openprofile.jsonapi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson configuration of the server. Configured once here and never changed afterwards. */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    // Requests run on fresh virtual threads, so Jackson's default per-thread buffer pool
                    // never reuses anything; a shared pool does.
                    .recyclerPool(JsonRecyclerPools.sharedLockFreePool())
                    .build())
            // Klaviyo bodies are JSON:API documents; duplicate keys are a client bug we reject.
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    static {
        // Nesting limit: Klaviyo allows 10 levels of event properties; 100 leaves room and stops abuse.
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(100).build());
    }

    private Json() {}

    /** JSON the server stored itself (a jsonb or text column), read back: it always parses. */
    public static com.fasterxml.jackson.databind.JsonNode stored(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a stored column holds invalid JSON", e);
        }
    }

    /** UTF-8 JSON of a tree (the byte generator is markedly faster than serializing to a String). */
    public static byte[] bytes(com.fasterxml.jackson.databind.JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
