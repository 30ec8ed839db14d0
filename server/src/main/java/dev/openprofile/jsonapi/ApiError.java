package dev.openprofile.jsonapi;

import java.util.Map;

/**
 * A Klaviyo-format error: thrown where the input is parsed, rendered once by the HTTP layer.
 * It carries no stack trace: it is cheap to throw and can never leak one onto the wire.
 */
public final class ApiError extends RuntimeException {

    public record Source(String pointer, String parameter) {
        public static Source pointer(String pointer) { return new Source(pointer, null); }
        public static Source parameter(String parameter) { return new Source(null, parameter); }
    }

    private final int status;
    private final String code;
    private final String title;
    private final String detail;
    private final Source source;
    private final Map<String, Object> meta;
    private final Map<String, String> links;

    public ApiError(int status, String code, String title, String detail, Source source, Map<String, Object> meta) {
        this(status, code, title, detail, source, meta, Map.of());
    }

    private ApiError(int status, String code, String title, String detail, Source source, Map<String, Object> meta,
                     Map<String, String> links) {
        super(detail, null, false, false);
        this.links = Map.copyOf(links);
        this.status = status;
        this.code = code;
        this.title = title;
        this.detail = detail;
        this.source = source;
        this.meta = meta == null ? Map.of() : Map.copyOf(meta);
    }

    public int status() { return status; }
    public String code() { return code; }
    public String title() { return title; }
    public String detail() { return detail; }
    public Source source() { return source; }
    public Map<String, Object> meta() { return meta; }
    public Map<String, String> links() { return links; }

    /** The same error with a {@code links} member (Klaviyo's 429 links its rate-limit documentation). */
    public ApiError withLinks(Map<String, String> errorLinks) {
        return new ApiError(status, code, title, detail, source, meta, errorLinks);
    }

    /**
     * The same error for a resource nested at {@code base} of a larger document: the profile core
     * points into a profile's own body ({@code /data/...}); inside an event or a bulk job that body
     * sits at {@code base}, so the pointer continues below it.
     */
    public ApiError nestedAt(String base) {
        String pointer = source == null ? null : source.pointer();
        if (pointer == null || pointer.startsWith(base) || !pointer.startsWith("/data")) return this;
        return new ApiError(status, code, title, detail, Source.pointer(base + pointer.substring("/data".length())), meta);
    }

    public static ApiError invalidParameter(String parameter, String detail) {
        return new ApiError(400, "invalid", "Invalid input.", detail, Source.parameter(parameter), null);
    }

    public static ApiError invalidPointer(String pointer, String detail) {
        return new ApiError(400, "invalid", "Invalid input.", detail, Source.pointer(pointer), null);
    }

    /** JSON:API: a PATCH whose {@code data.id} differs from the id in the URL is a 409 Conflict. */
    public static ApiError idMismatch(String bodyId, String pathId) {
        return new ApiError(409, "conflict", "Conflict.", "The id in the request body ('" + bodyId
                + "') does not match the id in the URL ('" + pathId + "').", Source.pointer("/data/id"), null);
    }

    public static ApiError conflict(String code, String detail, String pointer, Map<String, Object> meta) {
        return new ApiError(409, code, "Conflict.", detail, Source.pointer(pointer), meta);
    }
}
