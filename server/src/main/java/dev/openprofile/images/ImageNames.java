package dev.openprofile.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.openprofile.resource.Hooks;
import dev.openprofile.store.AdvisoryLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "If the name matches an existing image, a suffix will be added" (the spec's upload schemas): an upload whose
 * name is taken gets the first free {@code " (N)"}, placed before a file extension ("logo.png" becomes
 * "logo (1).png"). Uploads of one account take its image lock in turn, so two at once never pick the same suffix.
 */
final class ImageNames implements Hooks {
    private static final Pattern EXTENSION = Pattern.compile("^(.+)(\\.[A-Za-z0-9]{1,5})$");

    @Override
    public void beforeCreate(Connection c, String accountId, Map<String, JsonNode> attributes) throws SQLException {
        lock(c, accountId);
        String wanted = attributes.get("name").asText();
        String name = wanted;
        for (int n = 1; taken(c, accountId, name); n++) name = suffixed(wanted, n);
        attributes.put("name", TextNode.valueOf(name));
    }

    /**
     * The account's image lock, held to the end of the transaction (and taken again at no cost by the same one): an
     * upload holds it from writing its file to its commit, and the sweep of files no row names while it reads the
     * rows and deletes, so a sweep never takes the file of an upload about to commit.
     */
    static void lock(Connection c, String accountId) throws SQLException {
        AdvisoryLock.take(c, "image:" + accountId);
    }

    static String suffixed(String name, int n) {
        String suffix = " (" + n + ")";
        Matcher m = EXTENSION.matcher(name);
        String stem = m.matches() ? m.group(1) : name;
        String extension = m.matches() ? m.group(2) : "";
        int room = ImageKind.MAX_NAME - suffix.length() - extension.length();
        if (stem.length() > room) stem = stem.substring(0, Math.max(1, room));
        return stem + suffix + extension;
    }

    private static boolean taken(Connection c, String accountId, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from image where account_id = ? and name = ?")) {
            ps.setString(1, accountId);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
