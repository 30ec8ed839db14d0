package dev.openprofile.lists;

import java.time.OffsetDateTime;

/** A static list: Klaviyo's "list" resource. Named StaticList to stay clear of java.util.List. */
record StaticList(String id, String name, String optInProcess, OffsetDateTime created, OffsetDateTime updated) {
    static final String SINGLE = "single_opt_in";
    static final String DOUBLE = "double_opt_in";
}
