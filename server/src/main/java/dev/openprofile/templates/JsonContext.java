package dev.openprofile.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A render's context as the engine sees it: JSON objects as maps, arrays as lists, numbers, strings, booleans and
 * null; nothing else, so no template reaches a Java object's methods ({@link KlaviyoExtension}'s attribute resolver
 * reads only these).
 */
final class JsonContext {
    private JsonContext() {}

    static Map<String, Object> of(JsonNode context) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (context != null && context.isObject()) context.properties().forEach(e -> out.put(e.getKey(), value(e.getValue())));
        return out;
    }

    static Object value(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) return null;
        if (v.isObject()) return of(v);
        if (v.isArray()) {
            List<Object> out = new ArrayList<>(v.size());
            v.forEach(x -> out.add(value(x)));
            return out;
        }
        if (v.isBoolean()) return v.booleanValue();
        if (v.isIntegralNumber()) return v.canConvertToLong() ? (Object) v.longValue() : v.bigIntegerValue();
        if (v.isNumber()) return v.doubleValue();
        return v.asText();
    }
}
