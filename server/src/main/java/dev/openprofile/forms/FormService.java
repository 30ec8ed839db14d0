package dev.openprofile.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.resource.ResourceInput;
import dev.openprofile.resource.ResourceRow;
import dev.openprofile.resource.ResourceService;
import dev.openprofile.store.Jdbc;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of forms: a create writes the form and one version per entry of its definition in one transaction,
 * through the kit's services (so reads see exactly what the kit stores), then fills each version's id into the
 * definition get_form shows.
 */
final class FormService {
    private final Jdbc jdbc;
    private final ResourceService forms;
    private final ResourceService versions;

    FormService(Jdbc jdbc, ResourceService forms, ResourceService versions) {
        this.jdbc = jdbc;
        this.forms = forms;
        this.versions = versions;
    }

    ResourceRow create(String accountId, FormInput.NewForm form) {
        return jdbc.inTransaction(c -> {
            Map<String, JsonNode> attributes = new LinkedHashMap<>();
            attributes.put("name", text(form.name()));
            attributes.put("status", text("draft"));
            attributes.put("ab_test", Json.MAPPER.getNodeFactory().booleanNode(form.abTest()));
            attributes.put("definition", form.definition());
            ResourceRow row = forms.create(c, accountId, new ResourceInput.Changes(null, attributes, Map.of()), "/data");
            ObjectNode definition = form.definition().deepCopy();
            for (int i = 0; i < form.versions().size(); i++) {
                FormInput.NewVersion v = form.versions().get(i);
                Map<String, JsonNode> version = new LinkedHashMap<>();
                version.put("form_type", text(v.formType()));
                version.put("variation_name", text(v.variationName()));
                version.put("ab_test", v.abTest());
                version.put("status", text("draft"));
                String id = versions.create(c, accountId, new ResourceInput.Changes(null, version, Map.of("form", List.of(row.id()))),
                        "/data").id();
                ((ObjectNode) definition.get("versions").get(i)).put("id", Long.parseLong(id));
            }
            return forms.update(c, accountId, new ResourceInput.Changes(row.id(), Map.of("definition", definition), Map.of()), "/data")
                    .orElseThrow();
        });
    }

    private static JsonNode text(String s) {
        return Json.MAPPER.getNodeFactory().textNode(s);
    }
}
