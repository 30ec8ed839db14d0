package dev.openprofile.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import java.util.Map;

/** The export's framing lines, and the import's errors, each naming the line it is about. */
final class StateLines {
    private StateLines() {}

    static String header(String schemaVersion) {
        return Json.MAPPER.createObjectNode().put("openprofile_state", StateExport.FORMAT).put("schema", schemaVersion).toString();
    }

    static String trailer(long rows) {
        return Json.MAPPER.createObjectNode().put("end", true).put("rows", rows).toString();
    }

    static boolean isTrailer(JsonNode line) {
        return line.size() == 2 && line.path("end").asBoolean(false) && line.path("rows").canConvertToLong();
    }

    /** A 400 about line {@code number} (from 1) at {@code pointer} within it; nothing of the import is kept. */
    static ApiError invalid(long number, String pointer, String detail) {
        return new ApiError(400, "invalid", "Invalid input.", "Line " + number + ": " + detail,
                ApiError.Source.pointer(pointer), Map.of("line", number));
    }
}
