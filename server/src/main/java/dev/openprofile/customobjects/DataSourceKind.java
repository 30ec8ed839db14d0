package dev.openprofile.customobjects;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.resource.Attribute;
import dev.openprofile.resource.Hooks;
import dev.openprofile.resource.IdScheme;
import dev.openprofile.resource.ResourceKind;
import dev.openprofile.store.Statements;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The declaration of Klaviyo's data source for the resource kit, which serves its four operations. A title is unique
 * within its namespace (the table's unique key: 409); a data source that a draft's or current schema's mapping reads
 * cannot be deleted (409), since records of it would then have nowhere to go.
 */
final class DataSourceKind {
    static final String TYPE = "data-source";

    private DataSourceKind() {}

    static ResourceKind declare(Supplier<String> ids) {
        return new ResourceKind(TYPE, "/api/data-sources", "data_source", List.of(
                Attribute.string("title").column("title").require().nonEmpty().maxLength(255),
                Attribute.string("visibility").column("visibility").defaultsTo("private").oneOf("private", "shared").notNull()
                        .nullAsAbsent(),
                Attribute.string("description").column("description").defaultsTo("").notNull().nullAsAbsent(),
                Attribute.string("namespace").column("namespace").defaultsTo(Definition.CUSTOM_OBJECTS).notNull().nullAsAbsent()),
                List.of(),
                new IdScheme.Generated(ids),
                new ResourceKind.Operations("get_data_sources", "create_data_source", "get_data_source", null, "delete_data_source",
                        null, Map.of()),
                new Rules());
    }

    private static final class Rules implements Hooks {
        @Override
        public void beforeCreate(Connection c, String accountId, Map<String, JsonNode> attributes) {
            DefinitionInput.namespace(attributes.get("namespace").asText(), "/data/attributes/namespace");
        }

        @Override
        public void beforeDelete(Connection c, String accountId, String id) throws SQLException {
            var mapping = Statements.text(c, "select source_mapping_id from source_mapping_source where account_id = ? "
                    + "and data_source_id = ? limit 1", accountId, id);
            if (mapping.isPresent()) {
                throw new ApiError(409, "conflict", "Conflict.", "Data source '" + id + "' is read by source mapping '" + mapping.get()
                        + "' of a draft or current object schema: remove it from that mapping first.", ApiError.Source.parameter("id"), null);
            }
        }
    }
}
