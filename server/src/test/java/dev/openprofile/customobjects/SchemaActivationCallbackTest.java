package dev.openprofile.customobjects;

import static dev.openprofile.customobjects.Definitions.property;
import static dev.openprofile.customobjects.Definitions.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.RequestSchemas;
import dev.openprofile.store.Statements;
import dev.openprofile.testing.TestServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The records feature hears of an activation inside the activating transaction, with the type already pointing at its
 * new current schema; when it refuses, the activation (and whatever the request made with it) is undone. App wires
 * {@link SchemaActivation#NONE} until the records feature is merged, so the service is built here as App builds it.
 */
class SchemaActivationCallbackTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static DefinitionInput.NewType activeType(String title) throws Exception {
        return DefinitionInput.type(Json.MAPPER.readTree(Definitions.typeBody(title, schema(property(1, "n", "string"), "", "active", null))),
                RequestSchemas.load().check("ObjectTypeCreateQuery"));
    }

    @Test
    void theCallbackRunsInTheActivatingTransactionAndCanUndoIt() throws Exception {
        String account = server.newAccount("co-callback-").id();
        List<String> heard = new ArrayList<>();
        SchemaActivation recording = (c, accountId, typeId, schemaId) -> heard.add(accountId + "/" + typeId + "/" + schemaId + "/"
                + Statements.text(c, "select current_schema_id from object_type where account_id = ? and id = ?", accountId, typeId).orElse(null));
        DefinitionService service = new DefinitionService(server.jdbc(), Clock.systemUTC(), () -> UlidCreator.getMonotonicUlid().toString(),
                recording);
        Definition.ObjectType type = service.createType(account, activeType("Heard"));
        assertThat(heard).containsExactly(account + "/" + type.id() + "/" + type.currentSchemaId() + "/" + type.currentSchemaId());

        SchemaActivation refusing = (c, accountId, typeId, schemaId) -> {
            throw ApiError.invalidPointer("/data", "refused");
        };
        DefinitionService strict = new DefinitionService(server.jdbc(), Clock.systemUTC(), () -> UlidCreator.getMonotonicUlid().toString(),
                refusing);
        assertThatThrownBy(() -> strict.createType(account, activeType("Refused"))).isInstanceOf(ApiError.class);
        assertThat(server.queryInt("select count(*) from object_type where account_id = '" + account + "'")).isEqualTo(1);
        assertThat(server.queryInt("select count(*) from object_schema where account_id = '" + account + "'")).isEqualTo(1);
    }
}
