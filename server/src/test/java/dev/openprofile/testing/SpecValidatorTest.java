package dev.openprofile.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SpecValidator spec = SpecValidator.load();

    /** A create_profile 201 body built from PostProfileResponse: every required member, typical optionals. */
    private static ObjectNode profileResponse() {
        return (ObjectNode) json("""
                {"data": {
                  "type": "profile",
                  "id": "01GDDKASAP8TKDDA2GRZDSVP4H",
                  "attributes": {
                    "email": "sarah.mason@klaviyo-demo.com",
                    "phone_number": "+15005550006",
                    "external_id": null,
                    "first_name": "Sarah",
                    "last_name": "Mason",
                    "organization": null,
                    "locale": "en-US",
                    "title": null,
                    "image": null,
                    "created": "2022-11-08T00:00:00+00:00",
                    "updated": "2022-11-08T00:00:00+00:00",
                    "last_event_date": null,
                    "location": {"city": "Boston", "country": "United States", "latitude": 42.36, "longitude": "-71.06",
                                 "zip": null},
                    "properties": {"plan": "gold"}
                  },
                  "relationships": {
                    "lists": {"links": {"self": "https://example.test/api/profiles/01GDDKASAP8TKDDA2GRZDSVP4H/relationships/lists",
                                        "related": "https://example.test/api/profiles/01GDDKASAP8TKDDA2GRZDSVP4H/lists"}},
                    "segments": {"data": [{"type": "segment", "id": "Y6nRLr"}],
                                 "links": {"self": "https://example.test/api/profiles/01GDDKASAP8TKDDA2GRZDSVP4H/relationships/segments",
                                           "related": "https://example.test/api/profiles/01GDDKASAP8TKDDA2GRZDSVP4H/segments"}}
                  },
                  "links": {"self": "https://example.test/api/profiles/01GDDKASAP8TKDDA2GRZDSVP4H"}
                },
                "links": {"self": "https://example.test/api/profiles"}}
                """);
    }

    @Test
    void loadIsSharedAndReadsTheCatalogue() {
        assertThat(SpecValidator.load()).isSameAs(spec);
        assertThat(spec.operationIds()).hasSize(345).contains("create_profile", "get_profiles");
        JsonNode createProfile = spec.operation("create_profile");
        assertThat(createProfile.path("method").asText()).isEqualTo("POST");
        assertThat(createProfile.path("path").asText()).isEqualTo("/api/profiles");
        assertThat(createProfile.path("responseSchemas").path("201").asText()).isEqualTo("PostProfileResponse");
        assertThat(spec.operation("no_such_operation")).isNull();
    }

    @Test
    void validCreateProfileResponsePasses() {
        assertThatCode(() -> spec.assertValid("create_profile", 201, profileResponse())).doesNotThrowAnyException();
    }

    @Test
    void wrongTypeFailsAndNamesThePath() {
        ObjectNode body = profileResponse();
        attributes(body).put("email", 5);

        assertThatThrownBy(() -> spec.assertValid("create_profile", 201, body))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("$.data.attributes.email")
                .hasMessageContaining("integer")
                .hasMessageContaining("body: {\"data\"");
    }

    @Test
    void everyProblemIsListed() {
        ObjectNode body = profileResponse();
        attributes(body).put("email", 5).put("first_name", true);
        ((ObjectNode) body.get("data")).remove("links");

        assertThatThrownBy(() -> spec.assertValid("create_profile", 201, body))
                .hasMessageContaining("$.data.attributes.email")
                .hasMessageContaining("$.data.attributes.first_name")
                .hasMessageContaining("links");
    }

    @Test
    void nullPassesWhereNullable() {
        ObjectNode body = profileResponse();
        attributes(body)
                .putNull("email")                // nullable string
                .putNull("created")              // nullable date-time: format must not reject null
                .putNull("predictive_analytics") // $ref + nullable: the sibling is dropped in plain OAS 3.0
                .putNull("properties");          // nullable object
        ((ObjectNode) attributes(body).get("location"))
                .putNull("latitude");            // oneOf + nullable

        assertThatCode(() -> spec.assertValid("create_profile", 201, body)).doesNotThrowAnyException();

        attributes(body).putNull("location");
        assertThatCode(() -> spec.assertValid("create_profile", 201, body)).doesNotThrowAnyException();
    }

    @Test
    void nullPassesForNullableAllOf() {
        assertThat(spec.violations("components/schemas/GetCampaignResponse", json("{\"data\": null}"))).isEmpty();
        assertThat(spec.violations("components/schemas/GetCampaignResponse", json("{\"data\": 7}"))).isNotEmpty();
    }

    @Test
    void nullFailsWhereNotNullable() {
        for (String pointer : List.of("/data/type", "/data/links", "/data/links/self", "/data/attributes")) {
            ObjectNode body = profileResponse();
            setNull(body, pointer);
            assertThatThrownBy(() -> spec.assertValid("create_profile", 201, body))
                    .as("null at %s", pointer)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("$" + pointer.replace('/', '.'));
        }
    }

    @Test
    void nullableParentDoesNotMakeChildrenNullable() {
        // data is nullable, data.id is not; networknt's own nullable handling also consults the
        // grandparent schema and lets this null through.
        JsonNode nullId = json("{\"data\": {\"type\": \"profile\", \"id\": null}}");
        assertThatThrownBy(() -> spec.assertValid("get_profile_id_for_event", 200, nullId))
                .hasMessageContaining("$.data.id");
        assertThatCode(() -> spec.assertValid("get_profile_id_for_event", 200, json("{\"data\": null}")))
                .doesNotThrowAnyException();

        ObjectNode body = profileResponse();
        attributes(body).set("predictive_analytics", json("{\"ranked_channel_affinity\": [null]}"));
        assertThatThrownBy(() -> spec.assertValid("create_profile", 201, body))
                .hasMessageContaining("$.data.attributes.predictive_analytics.ranked_channel_affinity[0]");
    }

    @Test
    void messagesOfTheNullAlternativeAreLeftOut() {
        ObjectNode body = profileResponse();
        ((ObjectNode) attributes(body).get("location")).put("latitude", true);

        assertThatThrownBy(() -> spec.assertValid("create_profile", 201, body))
                .hasMessageContaining("$.data.attributes.location.latitude: boolean found, number expected")
                .hasMessageContaining("$.data.attributes.location.latitude: boolean found, string expected")
                .message().doesNotContain("null expected");
    }

    @Test
    void nullableEnumAcceptsNullAndItsValuesOnly() {
        String styles = "components/schemas/BaseStyleStyles";
        assertThat(spec.violations(styles, json("{\"background_format\": null}"))).isEmpty();
        assertThat(spec.violations(styles, json("{\"background_format\": \"cover\"}"))).isEmpty();
        assertThat(spec.violations(styles, json("{\"background_format\": \"stretch\"}")))
                .anySatisfy(m -> assertThat(m).contains("$.background_format"));
    }

    @Test
    void overlappingOneOfVariantsAreAccepted() {
        // value is oneOf [integer, number]: 5 matches both, which strict oneOf would reject.
        String filter = "components/schemas/NumericOperatorNumericFilter";
        assertThat(spec.violations(filter, json("{\"type\":\"numeric\",\"operator\":\"equals\",\"value\":5}"))).isEmpty();
        assertThat(spec.violations(filter, json("{\"type\":\"numeric\",\"operator\":\"equals\",\"value\":5.5}"))).isEmpty();
        assertThat(spec.violations(filter, json("{\"type\":\"numeric\",\"operator\":\"equals\",\"value\":\"5\"}")))
                .anySatisfy(m -> assertThat(m).contains("$.value"));
    }

    @Test
    void formatsAreAsserted() {
        ObjectNode body = profileResponse();
        attributes(body).put("created", "yesterday");

        assertThatThrownBy(() -> spec.assertValid("create_profile", 201, body))
                .hasMessageContaining("$.data.attributes.created");
    }

    @Test
    void errorDocumentsAreCheckedAgainstTheSharedErrorSchemas() {
        JsonNode error = json("""
                {"errors":[{"id":"x","status":400,"code":"invalid","title":"Invalid input.","detail":"d",
                            "source":{"parameter":"filter"}}]}""");
        assertThatCode(() -> spec.assertValid("get_profiles", 400, error)).doesNotThrowAnyException();
        assertThatCode(() -> spec.assertValid("get_profiles", 503, error)).doesNotThrowAnyException();

        JsonNode missingDetail = json("{\"errors\":[{\"id\":\"x\",\"code\":\"invalid\",\"title\":\"Invalid input.\"}]}");
        assertThatThrownBy(() -> spec.assertValid("get_profiles", 400, missingDetail))
                .hasMessageContaining("ClientError")
                .hasMessageContaining("detail");
    }

    @Test
    void statusWithoutBodySchemaRequiresNoBody() {
        assertThatCode(() -> spec.assertValid("delete_campaign", 204, null)).doesNotThrowAnyException();
        assertThatCode(() -> spec.assertValid("delete_campaign", 204, NullNode.getInstance())).doesNotThrowAnyException();
        assertThatThrownBy(() -> spec.assertValid("delete_campaign", 204, json("{\"data\":null}")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no body");
    }

    @Test
    void declaredBodyIsRequired() {
        assertThatThrownBy(() -> spec.assertValid("create_profile", 201, null))
                .hasMessageContaining("PostProfileResponse");
    }

    @Test
    void unknownOperationsAndUndeclaredStatusesFail() {
        assertThatThrownBy(() -> spec.assertValid("no_such_operation", 200, profileResponse()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("unknown operationId");
        assertThatThrownBy(() -> spec.assertValid("create_profile", 200, profileResponse()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("not declared");
    }

    @Test
    void everyDeclaredResponseSchemaResolves() {
        // Compiles each response schema and its $ref graph once, so a broken reference shows up here.
        List<String> failures = new ArrayList<>();
        for (String id : spec.operationIds()) {
            spec.operation(id).path("responseSchemas").forEach(name -> {
                if (!name.isNull()) {
                    try {
                        spec.violations("components/schemas/" + name.asText(), JSON.createObjectNode());
                    } catch (RuntimeException e) {
                        failures.add(id + " " + name.asText() + ": " + e);
                    }
                }
            });
        }
        assertThat(failures).isEmpty();
    }

    private static ObjectNode attributes(JsonNode body) {
        return (ObjectNode) body.get("data").get("attributes");
    }

    private static void setNull(ObjectNode body, String pointer) {
        int cut = pointer.lastIndexOf('/');
        ((ObjectNode) body.at(pointer.substring(0, cut))).putNull(pointer.substring(cut + 1));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
