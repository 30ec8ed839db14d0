package dev.openprofile.catalogs;

import dev.openprofile.resource.Hooks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** What deleting an item or a variant does beyond its rows (an item's variants go by their foreign key). */
final class CatalogHooks {
    private CatalogHooks() {}

    record VariantDeletion(Catalogs.VariantsDeleted listener) implements Hooks {
        @Override
        public void beforeDelete(Connection c, String accountId, String id) throws SQLException {
            listener.deleted(c, accountId, List.of(id));
        }
    }

    /** The item's variants are deleted with it (docs/compatibility.md, "Catalogs"): the listener hears of them first. */
    record ItemDeletion(Catalogs.VariantsDeleted listener) implements Hooks {
        @Override
        public void beforeDelete(Connection c, String accountId, String id) throws SQLException {
            List<String> variants = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select id from catalog_variant where account_id = ? and item_id = ?")) {
                ps.setString(1, accountId);
                ps.setString(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) variants.add(rs.getString(1));
                }
            }
            if (!variants.isEmpty()) listener.deleted(c, accountId, variants);
        }
    }
}
