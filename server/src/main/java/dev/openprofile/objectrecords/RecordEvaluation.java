package dev.openprofile.objectrecords;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.customobjects.CurrentMappings;
import dev.openprofile.customobjects.JsonPaths;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.profiles.ProfileChanges;
import dev.openprofile.profiles.ProfileInput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of one record against one current schema that need nothing stored (docs/compatibility.md, "Custom
 * objects: records and ingestion"): the id at id_path, each property's type, the required ones, constants, and the
 * identifiers and record ids of its relationships. Whether a klaviyo-id names a profile is the ingestion's to ask.
 */
final class RecordEvaluation {
    private static final Map<String, String> PROFILE_FIELDS = Map.of("email", "email", "phone", "phone_number",
            "external-id", "external_id");

    private RecordEvaluation() {}

    static TypeOutcome evaluate(JsonNode record, CurrentMappings.Current current) {
        List<TypeOutcome.Failure> failures = new ArrayList<>();
        String recordId = recordId(record, current.idPath(), failures);
        Map<Integer, CurrentMappings.Property> byId = new HashMap<>();
        current.properties().forEach(p -> byId.put(p.id(), p));
        Map<Integer, CurrentMappings.PropertyMapping> mapped = new HashMap<>();
        current.propertyMappings().forEach(m -> mapped.put(m.propertyId(), m));
        ObjectNode properties = Json.MAPPER.createObjectNode();
        for (CurrentMappings.Property p : current.properties()) {
            CurrentMappings.PropertyMapping m = mapped.get(p.id());
            Optional<JsonNode> value;
            String pointer = null;
            if (m instanceof CurrentMappings.ConstantMapping constant) {
                value = constant.value() == null || constant.value().isNull() || constant.value().isMissingNode()
                        ? Optional.empty() : Optional.of(constant.value());
            } else if (m instanceof CurrentMappings.SimpleMapping simple) {
                value = JsonPaths.read(record, simple.dataPath());
                pointer = RecordPointers.of(simple.dataPath()).orElse(null);
            } else {
                value = Optional.empty(); // a property this source does not feed
            }
            if (value.isEmpty()) {
                if (p.required()) failures.add(failure(TypeRules.MISSING, p.name(), null, pointer));
                continue;
            }
            switch (TypeRules.check(p.type(), value.get())) {
                case TypeRules.Valid valid -> properties.set(p.name(), valid.value());
                case TypeRules.Invalid invalid -> failures.add(failure(invalid, p.name(), value.get(), pointer));
            }
        }
        List<TypeOutcome.Link> links = new ArrayList<>();
        for (CurrentMappings.RelationshipMapping r : current.relationshipMappings()) {
            if ("profile".equals(r.relatedKind())) links.add(profileLink(record, r, failures));
            else links.add(objectLink(record, r, failures));
        }
        return new TypeOutcome(current.objectTypeId(), recordId, properties, links, failures);
    }

    /** The text of the value at id_path: a string as is, an integer in decimal; anything else a failure. */
    private static String recordId(JsonNode record, String idPath, List<TypeOutcome.Failure> failures) {
        String name = idPath == null ? "id" : RecordPointers.memberName(idPath);
        String pointer = idPath == null ? null : RecordPointers.of(idPath).orElse(null);
        Optional<JsonNode> id = idPath == null ? Optional.empty() : JsonPaths.read(record, idPath);
        if (id.isEmpty()) {
            failures.add(failure(TypeRules.MISSING, name, null, pointer));
            return null;
        }
        JsonNode v = id.get();
        if (v.isIntegralNumber() && v.canConvertToLong()) return Long.toString(v.asLong());
        if (v.isTextual() && !v.asText().isEmpty()) return v.asText();
        if (v.isTextual()) {
            failures.add(new TypeOutcome.Failure("string_too_short", "String should have at least 1 character", name,
                    v.toString(), pointer));
        } else {
            failures.add(failure(new TypeRules.Invalid("string_type", "Input should be a valid string"), name, v, pointer));
        }
        return null;
    }

    /** The first related_id_path that selects a value names the profile. */
    private static TypeOutcome.Link profileLink(JsonNode record, CurrentMappings.RelationshipMapping r,
                                                List<TypeOutcome.Failure> failures) {
        for (CurrentMappings.RelatedIdPath path : r.relatedIdPaths()) {
            Optional<JsonNode> value = JsonPaths.read(record, path.path());
            if (value.isEmpty()) continue;
            String pointer = RecordPointers.of(path.path()).orElse(null);
            JsonNode v = value.get();
            String type = path.identifierType();
            if (type.equals("anonymous")) {
                failures.add(new TypeOutcome.Failure("anonymous_not_supported", "Anonymous ids are not supported yet",
                        r.relationshipName(), v.toString(), pointer));
                return new TypeOutcome.ProfileLink(r.relationshipId(), r.additive(), null);
            }
            boolean integral = v.isIntegralNumber() && type.equals("external-id");
            if (!v.isTextual() && !integral) {
                failures.add(failure(new TypeRules.Invalid("string_type", "Input should be a valid string"),
                        r.relationshipName(), v, pointer));
                return new TypeOutcome.ProfileLink(r.relationshipId(), r.additive(), null);
            }
            String text = v.asText();
            try {
                ProfileChanges changes = ProfileInput.parseUpsert(upsert(type, text), "");
                return new TypeOutcome.ProfileLink(r.relationshipId(), r.additive(),
                        new TypeOutcome.ProfileRef(type, text, changes, r.relationshipName(), pointer));
            } catch (ApiError e) {
                failures.add(new TypeOutcome.Failure("value_error", e.detail(), r.relationshipName(), v.toString(), pointer));
                return new TypeOutcome.ProfileLink(r.relationshipId(), r.additive(), null);
            }
        }
        return new TypeOutcome.ProfileLink(r.relationshipId(), r.additive(), null);
    }

    /** The profile upsert body one identifier makes: it finds the holder, or creates one (a klaviyo-id: finds only). */
    private static JsonNode upsert(String identifierType, String value) {
        ObjectNode data = Json.MAPPER.createObjectNode().put("type", "profile");
        ObjectNode attributes = data.putObject("attributes");
        if (identifierType.equals("klaviyo-id")) data.put("id", value);
        else attributes.put(PROFILE_FIELDS.get(identifierType), value);
        return data;
    }

    /** related_id_path selects a record id (string or integer) or an array of them. */
    private static TypeOutcome.Link objectLink(JsonNode record, CurrentMappings.RelationshipMapping r,
                                               List<TypeOutcome.Failure> failures) {
        List<String> ids = new ArrayList<>();
        Optional<JsonNode> value = r.relatedIdPath() == null ? Optional.empty() : JsonPaths.read(record, r.relatedIdPath());
        String pointer = r.relatedIdPath() == null ? null : RecordPointers.of(r.relatedIdPath()).orElse(null);
        if (value.isPresent()) {
            JsonNode v = value.get();
            List<JsonNode> items = new ArrayList<>();
            if (v.isArray()) v.forEach(items::add);
            else items.add(v);
            for (JsonNode item : items) {
                if (item.isTextual() && !item.asText().isEmpty()) ids.add(item.asText());
                else if (item.isIntegralNumber() && item.canConvertToLong()) ids.add(Long.toString(item.asLong()));
                else {
                    failures.add(failure(new TypeRules.Invalid("string_type", "Input should be a valid string"),
                            r.relationshipName(), v, pointer));
                    return new TypeOutcome.ObjectLink(r.relationshipId(), r.additive(), r.relatedObjectTypeId(), List.of());
                }
            }
        }
        return new TypeOutcome.ObjectLink(r.relationshipId(), r.additive(), r.relatedObjectTypeId(),
                ids.stream().distinct().toList());
    }

    private static TypeOutcome.Failure failure(TypeRules.Invalid rule, String property, JsonNode value, String pointer) {
        return new TypeOutcome.Failure(rule.code(), rule.message(), property, value == null ? null : value.toString(), pointer);
    }
}
