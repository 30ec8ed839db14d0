package dev.openprofile.jsonapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Errors name what is missing (issue 21), in both layers: {@link MissingMembers} over the hand-written inputs' errors,
 * and {@link RequestSchemas} (the spec's own schemas) whose "required" failures point at the missing member. An absent
 * member and a present but wrong one get different details. The HTTP proof over every operation is
 * {@code http.RequiredMemberMissingTest}.
 */
class MissingMembersTest {
    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A schema requiring every member, for the rule alone. */
    static final Predicate<List<String>> ANY = path -> true;

    static ApiError told(String body, String pointer, String detail) {
        return MissingMembers.told(json(body), ApiError.invalidPointer(pointer, detail), ANY);
    }

    @Test
    void anErrorAtAnAbsentMemberSaysItIsRequired() {
        ApiError e = told("{\"data\":{\"attributes\":{}}}", "/data/type", "'type' must be 'list'.");
        assertThat(e.source().pointer()).isEqualTo("/data/type");
        assertThat(e.detail()).isEqualTo("'type' is required.");
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("invalid");
    }

    @Test
    void anErrorBelowAnAbsentMemberPointsAtTheFirstAbsentOne() {
        ApiError e = told("{\"data\":{\"type\":\"event\",\"attributes\":{}}}", "/data/attributes/profile/data",
                "'profile.data' is required.");
        assertThat(e.source().pointer()).isEqualTo("/data/attributes/profile");
        assertThat(e.detail()).isEqualTo("'profile' is required.");
        ApiError inArray = told("{\"data\":[{\"id\":\"x\"}]}", "/data/0/type", "'type' must be 'profile'.");
        assertThat(inArray.source().pointer()).isEqualTo("/data/0/type");
        assertThat(inArray.detail()).isEqualTo("'type' is required.");
        ApiError escaped = told("{\"data\":{\"attributes\":{}}}", "/data/attributes/a~1b/c", "'c' must be a string.");
        assertThat(escaped.source().pointer()).isEqualTo("/data/attributes/a~1b");
        assertThat(escaped.detail()).isEqualTo("'a/b' is required.");
    }

    @Test
    void aPresentMemberKeepsTheInputsError() {
        for (String body : List.of("{\"data\":{\"type\":\"segment\"}}", "{\"data\":{\"type\":null}}", "{\"data\":{\"type\":7}}")) {
            ApiError given = ApiError.invalidPointer("/data/type", "'type' must be 'list'.");
            assertThat(MissingMembers.told(json(body), given, ANY)).as(body).isSameAs(given);
        }
        // Below a scalar or past an array's end there is no absent member of an object: the input's error stands.
        ApiError belowScalar = ApiError.invalidPointer("/data/attributes", "'attributes' must be an object.");
        assertThat(MissingMembers.told(json("{\"data\":\"x\"}"), belowScalar, ANY)).isSameAs(belowScalar);
        ApiError pastEnd = ApiError.invalidPointer("/data/0", "At least one profile is required.");
        assertThat(MissingMembers.told(json("{\"data\":[]}"), pastEnd, ANY)).isSameAs(pastEnd);
    }

    @Test
    void anInputThatAlreadySaysTheMemberIsRequiredKeepsItsDetail() {
        ApiError given = ApiError.invalidPointer("/data/attributes/age_gated_date_of_birth",
                "'age_gated_date_of_birth' is required to subscribe a profile to SMS on an age-gated account.");
        assertThat(MissingMembers.told(json("{\"data\":{\"attributes\":{}}}"), given, ANY)).isSameAs(given);
        // ...but not one that names another member.
        ApiError other = told("{\"data\":{\"attributes\":{}}}", "/data/attributes/metric", "'metric.data' is required.");
        assertThat(other.detail()).isEqualTo("'metric' is required.");
    }

    @Test
    void otherErrorsAndBodilessRequestsAreLeftAlone() {
        ApiError notFound = new ApiError(404, "not_found", "Not found.", "No such list.", ApiError.Source.pointer("/data/id"), null);
        assertThat(MissingMembers.told(json("{\"data\":{}}"), notFound, ANY)).isSameAs(notFound);
        ApiError parameter = ApiError.invalidParameter("filter", "'filter' is invalid.");
        assertThat(MissingMembers.told(json("{}"), parameter, ANY)).isSameAs(parameter);
        ApiError noBody = ApiError.invalidPointer("/data/type", "'type' must be 'list'.");
        assertThat(MissingMembers.told(null, noBody, ANY)).isSameAs(noBody);
    }

    @Test
    void severalErrorsAreEachTold() {
        ApiErrors errors = new ApiErrors(List.of(
                ApiError.invalidPointer("/data/attributes/profiles/data/0/attributes/email", "'email' must be an email address."),
                ApiError.invalidPointer("/data/attributes/profiles/data/1/type", "'type' must be 'profile'.")));
        ApiErrors told = MissingMembers.told(json("{\"data\":{\"attributes\":{\"profiles\":{\"data\":[{\"type\":\"profile\","
                + "\"attributes\":{\"email\":\"x\"}},{\"attributes\":{}}]}}}}"), errors, ANY);
        assertThat(told.errors()).extracting(ApiError::detail).containsExactly("'email' must be an email address.", "'type' is required.");
        assertThat(told.errors()).extracting(e -> e.source().pointer())
                .containsExactly("/data/attributes/profiles/data/0/attributes/email", "/data/attributes/profiles/data/1/type");
    }

    @Test
    void aMemberTheSpecDoesNotRequireKeepsTheInputsError() {
        // The input points at a member the body need not have, about something else (a stored schema's properties).
        ApiError given = ApiError.invalidPointer("/data/attributes/properties", "The source mapping maps property id 1, which is gone.");
        JsonNode body = json("{\"data\":{\"type\":\"object-schema\",\"id\":\"s\",\"attributes\":{\"status\":\"active\"}}}");
        assertThat(MissingMembers.told(body, given, path -> !path.getLast().equals("properties"))).isSameAs(given);
        assertThat(MissingMembers.told(body, given, ANY).detail()).isEqualTo("'properties' is required.");
    }

    @Test
    void theSpecSaysWhichMembersABodyRequires() {
        RequestSchemas schemas = RequestSchemas.load();
        assertThat(schemas.requires("ListCreateQuery", List.of("data"))).isTrue();
        assertThat(schemas.requires("ListCreateQuery", List.of("data", "attributes"))).isTrue();
        assertThat(schemas.requires("ListCreateQuery", List.of("data", "attributes", "name"))).isTrue();
        assertThat(schemas.requires("ListCreateQuery", List.of("data", "attributes", "opt_in_process"))).isFalse();
        assertThat(schemas.requires("ListCreateQuery", List.of("data", "id"))).isFalse();
        assertThat(schemas.requires("ListMembersAddQuery", List.of("data", "0", "id"))).isTrue();
        assertThat(schemas.requires("EventCreateQueryV2", List.of("data", "attributes", "profile"))).isTrue();
        assertThat(schemas.requires("ObjectSchemaPartialUpdateQuery", List.of("data", "attributes", "properties"))).isFalse();
        assertThat(schemas.requires(null, List.of("data"))).isFalse();
    }

    @Test
    void theSpecSchemasTellAMissingMemberAtItsPointer() {
        RequestSchemas.Check objectType = RequestSchemas.load().check("ObjectTypeCreateQuery");
        ApiError missing = catchThrowableOfType(ApiError.class,
                () -> objectType.validate(json("{\"data\":{\"type\":\"object-type\",\"attributes\":{}}}"), ""));
        assertThat(missing.source().pointer()).isEqualTo("/data/attributes/title");
        assertThat(missing.detail()).isEqualTo("'title' is a required field.");
        ApiError wrong = catchThrowableOfType(ApiError.class,
                () -> objectType.validate(json("{\"data\":{\"type\":\"object-type\",\"attributes\":{\"title\":7}}}"), ""));
        assertThat(wrong.source().pointer()).isEqualTo("/data/attributes/title");
        assertThat(wrong.detail()).isEqualTo("'title' must be a string, not integer.");
        ApiError noAttributes = catchThrowableOfType(ApiError.class,
                () -> objectType.validate(json("{\"data\":{\"type\":\"object-type\"}}"), ""));
        assertThat(noAttributes.source().pointer()).isEqualTo("/data/attributes");
        assertThat(noAttributes.detail()).isEqualTo("'attributes' is a required field.");
    }

    @Test
    void aVariantsMissingDiscriminatorOrMemberIsToldAtItsPointerBelowTheBase() {
        RequestSchemas.Check flow = RequestSchemas.load().check("FlowDefinition");
        String base = "/data/attributes/definition";
        assertThatThrownBy(() -> flow.validate(json("{\"triggers\":[],\"entry_action_id\":\"1\"}"), base))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.source().pointer()).isEqualTo(base + "/actions");
                    assertThat(e.detail()).isEqualTo("'actions' is a required field.");
                });
        assertThatThrownBy(() -> flow.validate(json("{\"triggers\":[],\"entry_action_id\":\"1\",\"actions\":[{\"data\":{}}]}"), base))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.source().pointer()).isEqualTo(base + "/actions/0/type");
                    assertThat(e.detail()).isEqualTo("'type' is a required field.");
                });
        assertThatThrownBy(() -> flow.validate(json("{\"triggers\":[],\"entry_action_id\":\"1\",\"actions\":[{\"type\":\"time-delay\"}]}"), base))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.source().pointer()).isEqualTo(base + "/actions/0/data");
                    assertThat(e.detail()).isEqualTo("'data' is a required field.");
                });
    }
}
