package dev.openprofile.tags;

import dev.openprofile.resource.Attribute;
import dev.openprofile.resource.Hooks;
import dev.openprofile.resource.IdScheme;
import dev.openprofile.resource.Relationship;
import dev.openprofile.resource.ResourceKind;
import dev.openprofile.resource.ResourceKind.Operations;
import dev.openprofile.resource.ResourceKind.RelationshipOperations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The declarations of tags and tag groups: the one place their wire shape lives (the spec's response order). */
final class TagKinds {
    static final String TAG = "tag";
    static final String GROUP = "tag-group";
    static final String GROUP_TABLE = "tag_group";

    private TagKinds() {}

    /** Klaviyo's tag and tag group ids are UUIDs ("abcd1234-ef56-gh78-ij90-abcdef123456" in the spec). */
    static String newId() {
        return UUID.randomUUID().toString();
    }

    /** @param tagged the kinds of objects a tag labels: shown as relationships, served by {@link TagLinkRoutes} */
    static ResourceKind tag(List<TaggedKind> tagged, Hooks hooks) {
        List<Relationship> relationships = new ArrayList<>();
        // "A tag cannot be moved from one tag group to another" (spec): set on create only; the hooks fill the default.
        relationships.add(Relationship.toOne("tag-group", GROUP, "tag_group_id").writable(true, false, false));
        for (TaggedKind k : tagged) relationships.add(Relationship.toMany(k.relationship(), k.type(), new Relationship.External()));
        return new ResourceKind(TAG, "/api/tags", "tag", List.of(
                Attribute.string("name").column("name").require().requireOnUpdate().nonEmpty()),
                relationships,
                new IdScheme.Generated(TagKinds::newId),
                new Operations("get_tags", "create_tag", "get_tag", "update_tag", "delete_tag", "id", Map.of(
                        "tag-group", new RelationshipOperations("get_tag_group_for_tag", "get_tag_group_id_for_tag", null, null, null))),
                hooks);
    }

    static ResourceKind group(Hooks hooks) {
        return new ResourceKind(GROUP, "/api/tag-groups", GROUP_TABLE, List.of(
                Attribute.string("name").column("name").require().requireOnUpdate().nonEmpty(),
                // "A tag group's exclusive or default value cannot be changed" (spec); null on create means false.
                Attribute.bool("exclusive").column("exclusive").immutable().notNull().defaultsTo(false).nullAsAbsent(),
                Attribute.bool("default").column("is_default").serverSet().defaultsTo(false),
                // The spec's update body carries return_fields beside the name; accepted, never shown.
                Attribute.strings("return_fields").updatableOnly().hide()),
                List.of(Relationship.toMany("tags", TAG, new Relationship.Inverse("tag_group_id"))),
                new IdScheme.Generated(TagKinds::newId),
                new Operations("get_tag_groups", "create_tag_group", "get_tag_group", "update_tag_group", "delete_tag_group", "id",
                        Map.of("tags", new RelationshipOperations("get_tags_for_tag_group", "get_tag_ids_for_tag_group", null, null, null))),
                hooks);
    }
}
