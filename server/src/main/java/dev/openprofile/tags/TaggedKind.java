package dev.openprofile.tags;

import java.util.List;

/**
 * A kind of object tags label, declared once: the tag's relationship to it, where its links live, how its ids
 * are checked, and the operations that read and change them from either side.
 *
 * @param relationship the tag's relationship ("lists")
 * @param type         the object's JSON:API type ("list")
 * @param linkTable    the link table (tag_id, {@code column}); a code constant
 * @param column       the link table's column holding the object's id
 * @param unknown      which of some ids the account does not have, answered by the feature that owns the object
 * @param idsOp        the tag's related ids ("get_list_ids_for_tag")
 * @param addOp        tagging objects ("tag_lists")
 * @param removeOp     untagging them ("remove_tag_from_lists")
 * @param tagsOp       an object's tags ("get_tags_for_list"); null where another feature will serve it
 * @param tagIdsOp     an object's tag ids ("get_tag_ids_for_list"); null likewise
 */
public record TaggedKind(String relationship, String type, String linkTable, String column, UnknownIds unknown,
                  String idsOp, String addOp, String removeOp, String tagsOp, String tagIdsOp) {

    /** Of some ids, those the account does not have, in the order given. */
    @FunctionalInterface
    public interface UnknownIds {
        List<String> of(String accountId, List<String> ids);
    }
}
