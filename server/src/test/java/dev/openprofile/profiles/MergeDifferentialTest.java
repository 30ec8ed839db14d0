package dev.openprofile.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The merged profile, as the merge job writes it and get_profile reads it back, against a reference model of
 * "the destination wins, the source fills the gaps" written over the wire JSON alone: random attribute,
 * location and property sets (nested objects and arrays included), many pairs merged at once.
 */
class MergeDifferentialTest {
    static final List<String> SCALARS = List.of("first_name", "last_name", "organization", "title", "locale", "image");
    static final List<String> LOCATION = List.of("city", "region", "country", "zip");
    static final List<String> KEYS = List.of("Plan", "Score", "Tags", "Address", "Vip", "Note");
    static final int PAIRS = 40;

    final Random random = new Random(Long.getLong("merge.seed", System.nanoTime()));
    int serial;

    ObjectNode randomAttributes() {
        int n = serial++;
        ObjectNode a = Json.MAPPER.createObjectNode();
        boolean email = random.nextInt(10) < 7;
        if (email) a.put("email", "p" + n + "@diff.example.com");
        if (!email || random.nextBoolean()) a.put("external_id", "ext-" + n);
        if (random.nextInt(3) == 0) a.put("phone_number", String.format("+1500555%04d", n));
        for (String s : SCALARS) if (random.nextBoolean()) a.put(s, s + "-" + n);
        if (random.nextBoolean()) {
            ObjectNode loc = a.putObject("location");
            for (String k : LOCATION) if (random.nextBoolean()) loc.put(k, k + "-" + n);
            if (loc.isEmpty()) a.remove("location");
        }
        ObjectNode props = a.putObject("properties");
        for (String k : KEYS) {
            if (!random.nextBoolean()) continue;
            switch (random.nextInt(5)) {
                case 0 -> props.put(k, "v" + n);
                case 1 -> props.put(k, random.nextInt(1000));
                case 2 -> props.putArray(k).add("a" + n).add(random.nextInt(9));
                case 3 -> props.putObject(k).put("x" + random.nextInt(3), n).putObject("deep").put("y" + random.nextInt(3), true);
                default -> props.put(k, random.nextBoolean());
            }
        }
        return a;
    }

    /** The reference: each attribute and top-level property the destination has, else the source's; location whole. */
    static ObjectNode model(ObjectNode dest, ObjectNode source) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        List<String> fields = new ArrayList<>(SCALARS);
        fields.addAll(List.of("email", "phone_number", "external_id"));
        for (String f : fields) {
            if (dest.hasNonNull(f)) out.set(f, dest.get(f));
            else if (source.hasNonNull(f)) out.set(f, source.get(f));
        }
        JsonNode location = dest.has("location") ? dest.get("location") : source.get("location");
        out.set("location", location == null ? Json.MAPPER.createObjectNode() : location);
        ObjectNode props = dest.get("properties").deepCopy();
        source.get("properties").properties().forEach(e -> {
            if (!props.has(e.getKey())) props.set(e.getKey(), e.getValue());
        });
        out.set("properties", props);
        return out;
    }

    /** The same fields of a get_profile answer (null attributes and location members dropped). */
    static ObjectNode read(JsonNode attributes) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        for (String f : List.of("first_name", "last_name", "organization", "title", "locale", "image", "email", "phone_number",
                "external_id")) {
            if (attributes.hasNonNull(f)) out.set(f, attributes.get(f));
        }
        ObjectNode location = out.putObject("location");
        attributes.path("location").properties().forEach(e -> {
            if (!e.getValue().isNull()) location.set(e.getKey(), e.getValue());
        });
        out.set("properties", attributes.get("properties"));
        return out;
    }

    @Test
    void theMergedProfileIsTheDestinationWithTheSourceFillingItsGaps() {
        try (TestServer server = TestServer.start()) {
            Api api = server.api();
            List<String[]> pairs = new ArrayList<>();
            List<ObjectNode[]> inputs = new ArrayList<>();
            for (int i = 0; i < PAIRS; i++) {
                ObjectNode dest = randomAttributes();
                ObjectNode source = randomAttributes();
                String[] ids = new String[2];
                int k = 0;
                for (ObjectNode a : List.of(dest, source)) {
                    var r = api.post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":" + a + "}}");
                    assertThat(r.status()).as(r.text()).isEqualTo(201);
                    ids[k++] = r.data().get("id").asText();
                }
                pairs.add(ids);
                inputs.add(new ObjectNode[] {dest, source});
            }
            for (String[] p : pairs) {
                assertThat(api.post("merge_profiles", "/api/profile-merge", "{\"data\":{\"type\":\"profile-merge\",\"id\":\"" + p[0]
                        + "\",\"relationships\":{\"profiles\":{\"data\":[{\"type\":\"profile\",\"id\":\"" + p[1] + "\"}]}}}}")
                        .status()).isEqualTo(201);
            }
            server.awaitJobs();
            for (int i = 0; i < PAIRS; i++) {
                ObjectNode[] in = inputs.get(i);
                JsonNode merged = api.get("get_profile", "/api/profiles/" + pairs.get(i)[0]).data().get("attributes");
                assertThat(read(merged)).as("pair %d: %s into %s", i, in[1], in[0]).isEqualTo(model(in[0], in[1]));
                assertThat(api.get("get_profile", "/api/profiles/" + pairs.get(i)[1]).status()).isEqualTo(404);
            }
        }
    }
}
