package dev.openprofile.consent;

import java.util.Objects;

/** A list membership change a consent command asks the caller to carry out (consent owns no lists). */
public sealed interface MembershipEffect {
    String listId();

    record AddToList(String listId) implements MembershipEffect {
        public AddToList {
            Objects.requireNonNull(listId, "listId");
        }
    }

    record RemoveFromList(String listId) implements MembershipEffect {
        public RemoveFromList {
            Objects.requireNonNull(listId, "listId");
        }
    }
}
