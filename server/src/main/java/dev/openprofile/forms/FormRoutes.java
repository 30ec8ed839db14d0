package dev.openprofile.forms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.RequestSchemas;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.jsonapi.Rfc3339;
import dev.openprofile.resource.ResourceRow;
import dev.openprofile.resource.ResourceService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * HTTP for create_form and get_form: both answer the encoded form (EncodedFormResponseObjectResource), which shows
 * the definition and no relationships, unlike the form the kit renders for the list and a version's form.
 */
final class FormRoutes {
    private final FormService service;
    private final ResourceService forms;
    private final RequestSchemas.Check definition;
    private final Links links;

    FormRoutes(FormService service, ResourceService forms, RequestSchemas.Check definition, Links links) {
        this.service = service;
        this.forms = forms;
        this.definition = definition;
        this.links = links;
    }

    List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of("create_form", r -> new ApiResponse(201, encoded(r, service.create(r.accountId(),
                        FormInput.create(r.data(), definition))))),
                Endpoint.of("get_form", r -> ApiResponse.ok(encoded(r, forms.get(r.accountId(), r.pathParam("id"))))));
    }

    /** The spec's order: status, ab_test, name, definition, created_at, updated_at. */
    private ObjectNode encoded(ApiRequest r, ResourceRow row) {
        ObjectNode attributes = Json.MAPPER.createObjectNode();
        for (String name : List.of("status", "ab_test", "name", "definition")) attributes.set(name, row.attributes().get(name));
        attributes.put("created_at", Rfc3339.format(row.created()));
        attributes.put("updated_at", Rfc3339.format(row.updated()));
        String self = links.resource(forms.kind().path(), URLEncoder.encode(row.id(), StandardCharsets.UTF_8));
        return Resources.single(Resources.resource(FormKinds.FORM, row.id(), attributes, r.query(), self));
    }
}
