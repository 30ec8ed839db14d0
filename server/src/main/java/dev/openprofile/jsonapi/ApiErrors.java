package dev.openprofile.jsonapi;

import java.util.List;

/**
 * Several errors answered together, e.g. one per failing profile of a bulk import (Klaviyo rejects
 * the whole batch and points at each failing profile, semantics §11). They share the first one's status.
 */
public final class ApiErrors extends RuntimeException {
    private final List<ApiError> errors;

    public ApiErrors(List<ApiError> errors) {
        super(errors.get(0).detail(), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<ApiError> errors() {
        return errors;
    }

    public int status() {
        return errors.get(0).status();
    }
}
