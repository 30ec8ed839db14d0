package dev.openprofile.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.openprofile.http.FileRoute;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.resource.ResourceInput;
import dev.openprofile.resource.ResourceRow;
import dev.openprofile.resource.ResourceService;
import dev.openprofile.store.Jdbc;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An upload's rules: the bytes must be a JPEG, PNG or GIF of at most 5 MB; under the account's image lock the file is
 * stored first, then the row is made through the kit in the same transaction (the name hook adds a suffix to a taken
 * name); a row that fails removes its file.
 */
final class ImageService {
    /** Where the public path serves a stored file: {@code /image-files/<account>/<file>}. */
    static final String FILES_PATH = "/image-files";
    static final String DEFAULT_NAME = "image";

    private final ResourceService images;
    private final ImageFiles files;
    private final ImageFetch fetch;
    private final Jdbc jdbc;
    private final String baseUrl;

    ImageService(ResourceService images, ImageFiles files, ImageFetch fetch, Jdbc jdbc, String baseUrl) {
        this.images = images;
        this.files = files;
        this.fetch = fetch;
        this.jdbc = jdbc;
        this.baseUrl = baseUrl;
    }

    ResourceService resources() {
        return images;
    }

    /** upload_image_from_url: the name defaults to the URL's file name. */
    ResourceRow fromUrl(String accountId, String importFrom, String name, boolean hidden) {
        ImageFetch.Fetched fetched = fetch.read(importFrom);
        return store(accountId, fetched.bytes(), name != null ? name : fetched.filename(), hidden, ImageFetch.POINTER);
    }

    /** upload_image_from_file: the name defaults to the part's file name. */
    ResourceRow fromFile(String accountId, byte[] bytes, String name, String filename, boolean hidden) {
        return store(accountId, bytes, name != null ? name : filename, hidden, ImageRoutes.FILE);
    }

    private ResourceRow store(String accountId, byte[] bytes, String name, boolean hidden, String pointer) {
        if (bytes.length > ImageFetch.MAX_BYTES) throw ApiError.invalidPointer(pointer, "The image is larger than the maximum image size of 5MB.");
        ImageFormat format = ImageFormat.sniff(bytes).orElseThrow(() -> ApiError.invalidPointer(pointer,
                "The file is not a supported image: supported image formats are jpeg, png and gif."));
        String stored = storedName(name);
        return jdbc.inTransaction(c -> {
            ImageNames.lock(c, accountId);
            String file = files.write(accountId, format, bytes);
            try {
                return images.create(c, accountId, new ResourceInput.Changes(null, attributes(stored, format, bytes.length, hidden,
                        accountId, file), Map.of()), "/data");
            } catch (RuntimeException | java.sql.SQLException e) {
                // Failed before the commit: no row will name the file. A failed commit keeps it (it may have committed).
                files.delete(accountId, file);
                throw e;
            }
        });
    }

    private static String storedName(String name) {
        String stored = name == null || name.isBlank() ? DEFAULT_NAME : name.strip();
        return stored.length() > ImageKind.MAX_NAME ? stored.substring(0, ImageKind.MAX_NAME) : stored;
    }

    private Map<String, JsonNode> attributes(String name, ImageFormat format, int size, boolean hidden, String accountId, String file) {
        Map<String, JsonNode> attributes = new LinkedHashMap<>();
        attributes.put("name", TextNode.valueOf(name));
        attributes.put("image_url", TextNode.valueOf(baseUrl + FILES_PATH + "/" + accountId + "/" + file));
        attributes.put("format", TextNode.valueOf(format.wire));
        attributes.put("size", LongNode.valueOf(size));
        attributes.put("hidden", BooleanNode.valueOf(hidden));
        attributes.put("file", TextNode.valueOf(file));
        return attributes;
    }

    /** The stored file at a public path; empty for a path this store never made. */
    Optional<FileRoute.Served> served(Map<String, String> params) {
        String name = params.get("file");
        String extension = name == null ? "" : name.substring(name.lastIndexOf('.') + 1);
        Optional<String> type = ImageFormat.mediaTypeOf(extension);
        if (type.isEmpty()) return Optional.empty();
        return files.file(params.get("account"), name).map(f -> new FileRoute.Served(f, type.get()));
    }

    /**
     * After an account's state was reset or imported: its files that no row names are deleted (all of them after a
     * reset; after an import, those the imported rows do not name).
     */
    void forget(String accountId) {
        jdbc.inTransaction(c -> {
            ImageNames.lock(c, accountId);
            files.sweep(accountId, ImageStore.files(c, accountId));
            return null;
        });
    }
}
