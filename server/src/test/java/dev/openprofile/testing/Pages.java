package dev.openprofile.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Follows links.next from a first page to the last, as a client does, collecting ids in order. */
public final class Pages {
    private Pages() {}

    public static List<String> walk(Api api, String operation, String firstPath) {
        List<String> seen = new ArrayList<>();
        String path = firstPath;
        while (path != null) {
            var r = api.get(operation, path);
            assertThat(r.status()).isEqualTo(200);
            r.data().forEach(d -> seen.add(d.get("id").asText()));
            JsonNode next = r.body().at("/links/next");
            path = next.isNull() ? null : URI.create(next.asText()).getRawPath() + "?" + URI.create(next.asText()).getRawQuery();
        }
        return seen;
    }
}
