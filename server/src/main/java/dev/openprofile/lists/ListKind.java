package dev.openprofile.lists;

import dev.openprofile.profiles.ProfileService;
import dev.openprofile.resource.Attribute;
import dev.openprofile.resource.Hooks;
import dev.openprofile.resource.IdScheme;
import dev.openprofile.resource.Relationship;
import dev.openprofile.resource.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The declaration of Klaviyo's list for the resource kit: the one place its wire shape lives. The kit
 * serves get_lists, create_list, get_list, update_list and delete_list from it; membership, tags and flow
 * triggers are the lists feature's own ({@link ListRoutes}).
 */
final class ListKind {
    static final String TYPE = "list";
    static final String SINGLE = "single_opt_in";
    static final String DOUBLE = "double_opt_in";

    /** Members of a list, as the profiles feature joins them. Names are code constants, never input. */
    static final ProfileService.Membership MEMBERSHIP =
            new ProfileService.Membership("list_membership", "list_id", "profile_id", "joined_group_at");

    private ListKind() {}

    /**
     * @param ids   list ids, Klaviyo-like (6 letters and digits)
     * @param hooks the account's default opt-in process on create, and profile_count
     */
    static ResourceKind declare(Supplier<String> ids, Hooks hooks) {
        return new ResourceKind(TYPE, "/api/lists", "list", List.of(
                Attribute.string("name").column("name").require().nonEmpty().maxLength(255),
                Attribute.datetime("created").column("created").serverSet(),
                Attribute.datetime("updated").column("updated").serverSet(),
                // The spec marks it nullable on create ("if not provided, uses account default") and on update,
                // where null keeps the current process: a list always has one.
                Attribute.string("opt_in_process").column("opt_in_process").oneOf(SINGLE, DOUBLE).nullAsAbsent()),
                List.of(
                        Relationship.toMany("profiles", "profile", new Relationship.External()),
                        Relationship.toMany("tags", "tag", new Relationship.External()),
                        Relationship.toMany("flow-triggers", "flow", new Relationship.External())),
                new IdScheme.Generated(ids),
                new ResourceKind.Operations("get_lists", "create_list", "get_list", "update_list", "delete_list", "id", Map.of()),
                hooks);
    }
}
