package dev.openprofile.images;

import dev.openprofile.resource.Attribute;
import dev.openprofile.resource.IdScheme;
import dev.openprofile.resource.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The declaration of Klaviyo's image for the resource kit, which serves its reads and its update. The two uploads
 * are not kit creates (their bodies are a URL to fetch and a multipart form): {@link ImageService} makes the row
 * through the kit's service with the server-set attributes. Attribute order is the spec's response order.
 */
final class ImageKind {
    static final String TYPE = "image";
    static final int MAX_NAME = 255;

    private ImageKind() {}

    static ResourceKind declare(NumericIds ids) {
        return new ResourceKind(TYPE, "/api/images", "image", List.of(
                // The update body marks both nullable, yet an image always has them: null keeps the value.
                Attribute.string("name").column("name").require().nonEmpty().maxLength(MAX_NAME).nullAsAbsent(),
                Attribute.string("image_url").column("image_url").serverSet(),
                Attribute.string("format").column("format").serverSet(),
                Attribute.integer("size").column("size").serverSet(),
                Attribute.bool("hidden").column("hidden").defaultsTo(false).nullAsAbsent(),
                Attribute.datetime("updated_at").column("updated").serverSet(),
                // The stored file's name (ImageFiles); never shown, never changed.
                Attribute.string("file").column("file").hide().immutable()),
                List.of(),
                new IdScheme.Generated(ids::next),
                // No kit create or delete: the uploads are the feature's, and Klaviyo has no image delete.
                new ResourceKind.Operations("get_images", null, "get_image", "update_image", null, null, Map.of()),
                new ImageNames());
    }

    /**
     * Klaviyo's image ids are numbers in a string ("193828341" in its Images API overview). Ours are 16 digits that
     * grow with time (milliseconds and a random tail), so the default order by id is the order of upload and
     * sorting the text sorts the numbers. A collision across nodes is retried by the kit with the next value.
     */
    static final class NumericIds {
        private final AtomicLong last = new AtomicLong();

        String next() {
            long candidate = System.currentTimeMillis() * 1000 + ThreadLocalRandom.current().nextInt(1000);
            return Long.toString(last.updateAndGet(prev -> Math.max(prev + 1, candidate)));
        }
    }
}
