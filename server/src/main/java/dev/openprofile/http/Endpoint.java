package dev.openprofile.http;

import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.ApiErrors;
import dev.openprofile.jsonapi.MissingMembers;
import dev.openprofile.jsonapi.RequestSchemas;
import java.util.List;
import java.util.function.Predicate;

/**
 * A feature's implementation of one spec operation. Method and path come from the spec (the
 * operation catalogue), so a route is never spelled twice.
 *
 * @param defaultSort  the sort field used when the request names none (null: the operation has no sort)
 * @param maxBodyBytes Klaviyo's payload limit for this operation (5 MB in general, 100 KB for a profile)
 * @param form         the body is {@code multipart/form-data} (an image upload), read into {@link ApiRequest#form()}
 *                     instead of JSON
 */
public record Endpoint(String operationId, String defaultSort, int maxBodyBytes, boolean form, Handler handler) {
    public static final int FIVE_MB = 5 * 1024 * 1024;
    public static final int PROFILE_LIMIT = 100 * 1024;

    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(ApiRequest request) throws Exception;
    }

    /**
     * Runs the handler; a 400 about a member the body lacks and the spec's request schema requires is told as that
     * member being required ({@link MissingMembers}), whichever check of the handler found it.
     */
    public ApiResponse call(ApiRequest request) throws Exception {
        try {
            return handler.handle(request);
        } catch (ApiError e) {
            throw MissingMembers.told(request.body(), e, requiredBy(request));
        } catch (ApiErrors e) {
            throw MissingMembers.told(request.body(), e, requiredBy(request));
        }
    }

    private static Predicate<List<String>> requiredBy(ApiRequest request) {
        return path -> RequestSchemas.load().requires(request.operation().requestSchema(), path);
    }

    public static Endpoint of(String operationId, Handler handler) {
        return new Endpoint(operationId, null, FIVE_MB, false, handler);
    }

    public Endpoint sortedBy(String field) {
        return new Endpoint(operationId, field, maxBodyBytes, form, handler);
    }

    public Endpoint limitBody(int bytes) {
        return new Endpoint(operationId, defaultSort, bytes, form, handler);
    }

    /** An operation whose body is a multipart form of at most {@code bytes}. */
    public Endpoint acceptsForm(int bytes) {
        return new Endpoint(operationId, defaultSort, bytes, true, handler);
    }
}
