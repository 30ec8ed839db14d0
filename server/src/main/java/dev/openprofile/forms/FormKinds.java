package dev.openprofile.forms;

import dev.openprofile.resource.Attribute;
import dev.openprofile.resource.Hooks;
import dev.openprofile.resource.IdScheme;
import dev.openprofile.resource.Relationship;
import dev.openprofile.resource.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The declarations of Klaviyo's form and form version for the resource kit: the one place their wire shapes live.
 * The kit serves get_forms, delete_form, get_form_version and the relationship reads; create_form and get_form are
 * the feature's ({@link FormRoutes}), because get_form shows the definition (EncodedFormResponseObjectResource) that
 * the list's and the version's form (FormResponseObjectResource) do not: it is a hidden attribute here.
 */
final class FormKinds {
    static final String FORM = "form";
    static final String VERSION = "form-version";

    private FormKinds() {}

    static ResourceKind form(Supplier<String> ids) {
        return new ResourceKind(FORM, "/api/forms", "form", List.of(
                Attribute.string("name").column("name").serverSet(),
                Attribute.string("status").column("status").serverSet(),
                Attribute.bool("ab_test").column("ab_test").serverSet(),
                Attribute.datetime("created_at").column("created").serverSet(),
                Attribute.datetime("updated_at").column("updated").serverSet(),
                // The definition as get_form shows it: the create's, with each version's id filled in.
                Attribute.object("definition").immutable().hide()),
                List.of(Relationship.toMany("form-versions", VERSION, new Relationship.Inverse("form_id"))),
                new IdScheme.Generated(ids),
                new ResourceKind.Operations("get_forms", null, null, null, "delete_form", "id", Map.of(
                        "form-versions", new ResourceKind.RelationshipOperations("get_versions_for_form",
                                "get_version_ids_for_form", null, null, null))),
                Hooks.NONE);
    }

    static ResourceKind version(Supplier<String> ids) {
        return new ResourceKind(VERSION, "/api/form-versions", "form_version", List.of(
                Attribute.string("form_type").column("form_type").serverSet(),
                Attribute.string("variation_name").serverSet(),
                Attribute.object("ab_test").serverSet(),
                Attribute.string("status").column("status").serverSet(),
                Attribute.datetime("created_at").column("created").serverSet(),
                Attribute.datetime("updated_at").column("updated").serverSet()),
                List.of(Relationship.toOne("form", FORM, "form_id")),
                new IdScheme.Generated(ids),
                new ResourceKind.Operations(null, null, "get_form_version", null, null, "id", Map.of(
                        "form", new ResourceKind.RelationshipOperations("get_form_for_form_version",
                                "get_form_id_for_form_version", null, null, null))),
                Hooks.NONE);
    }
}
