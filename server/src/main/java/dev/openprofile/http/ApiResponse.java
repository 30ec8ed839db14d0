package dev.openprofile.http;

import com.fasterxml.jackson.databind.JsonNode;

/** What a handler answers: a status and a JSON:API document (null for 202/204 without a body). */
public record ApiResponse(int status, JsonNode body) {
    public static ApiResponse ok(JsonNode body) { return new ApiResponse(200, body); }
    public static ApiResponse created(JsonNode body) { return new ApiResponse(201, body); }
    /** 202 with no body: accepted, processed asynchronously or at once (the client endpoints answer so). */
    public static ApiResponse accepted() { return new ApiResponse(202, null); }
    public static ApiResponse noContent() { return new ApiResponse(204, null); }
}
