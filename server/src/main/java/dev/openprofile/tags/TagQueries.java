package dev.openprofile.tags;

/** The SQL of tags for features that show tag names in queries of their own (reporting). */
public final class TagQueries {
    /** Some tags' names; parameters: the account id, the tag ids ({@code text[]}). Columns: tag id, name. */
    public static final String NAMES = "select id, name from tag where account_id = ? and id = any(?)";

    private TagQueries() {}
}
