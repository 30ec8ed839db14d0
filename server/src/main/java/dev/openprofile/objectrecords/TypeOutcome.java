package dev.openprofile.objectrecords;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.profiles.ProfileChanges;
import java.util.ArrayList;
import java.util.List;

/**
 * What one data source record makes in one object type (its current schema): the record's id, its properties and
 * its links, and every rule it breaks there. A record is written to all the types its source feeds or to none.
 *
 * @param recordId null when the mapping's id_path selects no usable id
 */
record TypeOutcome(String objectTypeId, String recordId, ObjectNode properties, List<Link> links, List<Failure> failures) {
    TypeOutcome {
        failures = new ArrayList<>(failures); // the profile lookups may add theirs
    }

    /** One broken rule, as the ingestion log shows it, and where in the record it sits (null: nowhere one member). */
    record Failure(String code, String message, String property, String invalidValue, String pointer) {}

    sealed interface Link {
        String relationshipId();

        boolean additive();
    }

    /**
     * A relationship to profiles; {@code profile} null when none of its paths selected an identifier (a replacing
     * relationship then drops the record's links).
     */
    record ProfileLink(String relationshipId, boolean additive, ProfileRef profile) implements Link {}

    /** A relationship to records of {@code relatedTypeId}, by their record ids. */
    record ObjectLink(String relationshipId, boolean additive, String relatedTypeId, List<String> recordIds) implements Link {}

    /**
     * A profile named by one identifier: {@code changes} the upsert that finds it (or creates it, except for a
     * klaviyo-id, which must exist).
     */
    record ProfileRef(String identifierType, String value, ProfileChanges changes, String relationshipName, String pointer) {
        boolean mustExist() {
            return identifierType.equals("klaviyo-id");
        }

        String key() {
            return identifierType + "\u0000" + value;
        }
    }

    boolean valid() {
        return failures.isEmpty();
    }

    String compoundId() {
        return ObjectRecordIds.compound(objectTypeId, recordId);
    }
}
