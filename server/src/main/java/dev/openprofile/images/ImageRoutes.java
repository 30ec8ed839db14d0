package dev.openprofile.images;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.http.FileRoute;
import dev.openprofile.http.MultipartForm;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.resource.ResourceRenderer;
import dev.openprofile.resource.ResourceRow;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The two uploads (the kit serves the other three image operations) and the public path of the stored files. */
final class ImageRoutes {
    static final String FILE = "/data/attributes/file";
    /** A form holds the image (at most 5 MB) and two short fields: what is beyond that is not an upload. */
    static final int MAX_FORM_BYTES = ImageFetch.MAX_BYTES + 64 * 1024;
    private static final Set<String> URL_ATTRIBUTES = Set.of("import_from_url", "name", "hidden");
    private static final Set<String> FORM_FIELDS = Set.of("file", "name", "hidden");

    private final ImageService service;
    private final ResourceRenderer renderer;

    ImageRoutes(ImageService service, ResourceRenderer renderer) {
        this.service = service;
        this.renderer = renderer;
    }

    List<Endpoint> endpoints() {
        return List.of(Endpoint.of("upload_image_from_url", this::fromUrl),
                Endpoint.of("upload_image_from_file", this::fromFile).acceptsForm(MAX_FORM_BYTES));
    }

    FileRoute files() {
        return new FileRoute(ImageService.FILES_PATH + "/{account}/{file}", service::served);
    }

    private ApiResponse fromUrl(ApiRequest r) {
        JsonNode data = r.data();
        if (!data.isObject()) throw ApiError.invalidPointer("/data", "'data' must be an object.");
        for (var it = data.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("type") && !key.equals("attributes")) throw ApiError.invalidPointer("/data/" + key, "'" + key + "' is not allowed here.");
        }
        if (!data.path("type").isTextual() || !data.get("type").asText().equals(ImageKind.TYPE)) {
            throw ApiError.invalidPointer("/data/type", "'type' must be 'image'.");
        }
        JsonNode attributes = data.get("attributes");
        if (attributes == null || !attributes.isObject()) throw ApiError.invalidPointer("/data/attributes", "'attributes' must be an object.");
        for (var it = attributes.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!URL_ATTRIBUTES.contains(key)) {
                throw ApiError.invalidPointer("/data/attributes/" + key, "'" + key + "' is not a valid field for the resource 'image'.");
            }
        }
        JsonNode from = attributes.get("import_from_url");
        if (from == null) throw ApiError.invalidPointer(ImageFetch.POINTER, "'import_from_url' is a required field.");
        if (!from.isTextual() || from.asText().isBlank()) throw ApiError.invalidPointer(ImageFetch.POINTER, "'import_from_url' must be a non-empty string.");
        String name = name(attributes.get("name"));
        JsonNode hidden = attributes.get("hidden");
        if (hidden != null && !hidden.isNull() && !hidden.isBoolean()) {
            throw ApiError.invalidPointer("/data/attributes/hidden", "'hidden' must be a boolean.");
        }
        ResourceRow row = service.fromUrl(r.accountId(), from.asText(), name, hidden != null && hidden.asBoolean(false));
        return created(r, row);
    }

    private ApiResponse fromFile(ApiRequest r) {
        MultipartForm form = r.form();
        for (String field : form.parts().keySet()) {
            if (!FORM_FIELDS.contains(field)) {
                throw ApiError.invalidPointer("/data/attributes/" + field, "'" + field + "' is not a valid field for the resource 'image'.");
            }
        }
        MultipartForm.Part file = form.part("file");
        if (file == null) throw ApiError.invalidPointer(FILE, "'file' is a required field.");
        if (file.bytes().length == 0) throw ApiError.invalidPointer(FILE, "'file' is empty.");
        if (file.bytes().length > ImageFetch.MAX_BYTES) {
            throw new ApiError(413, "request_too_large", "Payload too large.", "The maximum image size is 5MB.",
                    ApiError.Source.pointer(FILE), null);
        }
        MultipartForm.Part namePart = form.part("name");
        String name = namePart == null ? null : checkedName(namePart.text());
        boolean hidden = false;
        MultipartForm.Part hiddenPart = form.part("hidden");
        if (hiddenPart != null) {
            // A form's fields are text: the SDK sends String(true).
            hidden = switch (hiddenPart.text().strip().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw ApiError.invalidPointer("/data/attributes/hidden", "'hidden' must be true or false.");
            };
        }
        ResourceRow row = service.fromFile(r.accountId(), file.bytes(), name, file.filename(), hidden);
        return created(r, row);
    }

    private static String name(JsonNode name) {
        if (name == null || name.isNull()) return null;
        if (!name.isTextual()) throw ApiError.invalidPointer("/data/attributes/name", "'name' must be a string.");
        return checkedName(name.asText());
    }

    private static String checkedName(String name) {
        if (name.isBlank()) throw ApiError.invalidPointer("/data/attributes/name", "'name' must be a non-empty string.");
        if (name.length() > ImageKind.MAX_NAME) {
            throw ApiError.invalidPointer("/data/attributes/name", "'name' must be " + ImageKind.MAX_NAME + " characters or fewer.");
        }
        return name;
    }

    private ApiResponse created(ApiRequest r, ResourceRow row) {
        return new ApiResponse(201, Resources.single(renderer.resource(r.accountId(), service.resources().kind(), row, r.query())));
    }
}
