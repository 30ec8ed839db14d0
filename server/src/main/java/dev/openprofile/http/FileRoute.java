package dev.openprofile.http;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A GET path that serves stored files to anyone who has their URL, without a key, as a CDN serves Klaviyo's
 * images: the feature finds the file from the path parameters; none is a Klaviyo-format 404.
 */
public record FileRoute(String path, Lookup lookup) {

    /** A file to send: where it is and its media type. */
    public record Served(Path file, String contentType) {}

    @FunctionalInterface
    public interface Lookup {
        Optional<Served> find(Map<String, String> pathParams);
    }
}
