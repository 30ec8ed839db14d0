package dev.openprofile.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.openprofile.config.ImageSettings;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.AdminApi;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.SpecValidator;
import dev.openprofile.testing.TestDatabase;
import dev.openprofile.testing.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Images tag over real HTTP: both uploads (a URL fetched from a loopback receiver, a data URI, a multipart
 * file), their checks (type by magic numbers, 5 MB, timeout, redirects, private addresses), names and their
 * suffixes, the update, filters and sorts, and the stored bytes served back at image_url.
 */
class ImagesTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A whole 1x1 GIF whose bytes are all ASCII. */
    static final byte[] GIF = "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000,\u0000\u0000\u0000\u0000\u0001\u0000\u0001\u0000\u0000\u0002\u0002D\u0001\u0000;"
            .getBytes(StandardCharsets.ISO_8859_1);
    static byte[] png;
    static byte[] jpeg;
    static TestServer server;
    static HttpServer receiver;
    static String origin;

    @BeforeAll
    static void start() throws IOException {
        png = encode("png", 3);
        jpeg = encode("jpeg", 4);
        // Tests fetch from a loopback receiver, which only an operator's allowance reaches.
        server = TestServer.start(TestDatabase.freshDatabase(), Map.of(ImageSettings.ALLOW_PRIVATE_NETWORKS, "true",
                ImageSettings.FETCH_TIMEOUT, "500"), Clock.systemUTC());
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        serve("/pixel.png", "image/png", png);
        serve("/photo.jpg", "image/jpeg", jpeg);
        serve("/octet", "application/octet-stream", GIF);
        serve("/page.html", "text/html", "<html></html>".getBytes(StandardCharsets.UTF_8));
        serve("/lying.png", "image/png", "<html>not an image</html>".getBytes(StandardCharsets.UTF_8));
        byte[] big = new byte[ImageFetch.MAX_BYTES + 10];
        System.arraycopy(png, 0, big, 0, png.length);
        serve("/big.png", "image/png", big);
        receiver.createContext("/endless.png", x -> { // no Content-Length, more than 5 MB
            x.getResponseHeaders().set("Content-Type", "image/png");
            x.sendResponseHeaders(200, 0);
            try (var out = x.getResponseBody()) {
                out.write(png);
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < 100; i++) out.write(chunk);
            } catch (IOException e) {
                // The server stopped reading: what this receiver is for.
            }
        });
        receiver.createContext("/slow.png", x -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.sendResponseHeaders(200, png.length);
            try (var out = x.getResponseBody()) {
                out.write(png);
            } catch (IOException e) {
                // The server gave up first.
            }
        });
        receiver.createContext("/missing.png", x -> {
            x.sendResponseHeaders(404, -1);
            x.close();
        });
        redirect("/moved.png", "/pixel.png");
        redirect("/loop", "/loop");
        receiver.start();
        origin = "http://127.0.0.1:" + receiver.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
        server.close();
    }

    static void serve(String path, String type, byte[] bytes) {
        receiver.createContext(path, x -> {
            x.getResponseHeaders().set("Content-Type", type);
            x.sendResponseHeaders(200, bytes.length);
            try (var out = x.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    static void redirect(String path, String to) {
        receiver.createContext(path, x -> {
            x.getResponseHeaders().set("Location", to);
            x.sendResponseHeaders(302, -1);
            x.close();
        });
    }

    static byte[] encode(String format, int size) throws IOException {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0x336699);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    /** A fresh account for each test, so names and filters see only its images. */
    static Api account() {
        return server.newAccount("images-").api();
    }

    static String fromUrl(String url, String extra) {
        return "{\"data\":{\"type\":\"image\",\"attributes\":{\"import_from_url\":" + Json.MAPPER.valueToTree(url) + extra + "}}}";
    }

    static JsonNode upload(Api api, String url, String extra) {
        var r = api.post("upload_image_from_url", "/api/images", fromUrl(url, extra));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.data();
    }

    static void assertError(Api.Response r, int status, String pointer, String detailPart) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.error().at("/source/pointer").asText()).as(r.text()).isEqualTo(pointer);
        assertThat(r.error().get("detail").asText()).as(r.text()).contains(detailPart);
    }

    static HttpResponse<byte[]> fetch(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static int images(Api api) {
        return api.get("get_images", "/api/images?page%5Bsize%5D=100").data().size();
    }

    @Test
    void anImageFetchedFromAUrlIsStoredAndServedBackAtItsImageUrl() throws Exception {
        Api api = account();
        JsonNode image = upload(api, origin + "/pixel.png", "");
        String id = image.get("id").asText();
        assertThat(id).matches("[0-9]{16}");
        JsonNode a = image.get("attributes");
        assertThat(a.get("name").asText()).isEqualTo("pixel.png");
        assertThat(a.get("format").asText()).isEqualTo("png");
        assertThat(a.get("size").asInt()).isEqualTo(png.length);
        assertThat(a.get("hidden").asBoolean()).isFalse();
        assertThat(a.get("image_url").asText()).startsWith(server.baseUrl() + "/image-files/").endsWith(".png");
        assertThat(a.has("file")).isFalse();
        assertThat(image.at("/links/self").asText()).isEqualTo(server.baseUrl() + "/api/images/" + id + "/");
        assertThat(api.get("get_image", "/api/images/" + id).data()).isEqualTo(image);

        HttpResponse<byte[]> served = fetch(a.get("image_url").asText());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(png);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(served.headers().firstValue("Cache-Control").orElse("")).contains("max-age=31536000");

        JsonNode photo = upload(api, origin + "/photo.jpg", ",\"name\":\"Blue T-Shirt\",\"hidden\":true");
        assertThat(photo.at("/attributes/name").asText()).isEqualTo("Blue T-Shirt");
        assertThat(photo.at("/attributes/format").asText()).isEqualTo("jpeg");
        assertThat(photo.at("/attributes/hidden").asBoolean()).isTrue();
        assertThat(fetch(photo.at("/attributes/image_url").asText()).headers().firstValue("Content-Type")).hasValue("image/jpeg");
        // Ids grow with each upload, so the default order is the order of upload.
        assertThat(photo.get("id").asText()).isGreaterThan(id);
    }

    @Test
    void theBytesDecideTheFormatNotTheUrlOrTheHeader() {
        Api api = account();
        JsonNode octet = upload(api, origin + "/octet", "");
        assertThat(octet.at("/attributes/format").asText()).isEqualTo("gif");
        assertThat(octet.at("/attributes/name").asText()).isEqualTo("octet");
        assertError(api.post("upload_image_from_url", "/api/images", fromUrl(origin + "/lying.png", "")), 400,
                "/data/attributes/import_from_url", "supported image formats are jpeg, png and gif");
        assertError(api.post("upload_image_from_url", "/api/images", fromUrl(origin + "/page.html", "")), 400,
                "/data/attributes/import_from_url", "Content-Type is text/html");
        assertThat(images(api)).isEqualTo(1);
    }

    @Test
    void aDataUriIsDecodedWithTheSameChecks() throws Exception {
        Api api = account();
        JsonNode gif = upload(api, "data:image/gif;base64," + Base64.getEncoder().encodeToString(GIF), "");
        assertThat(gif.at("/attributes/name").asText()).isEqualTo("image");
        assertThat(gif.at("/attributes/format").asText()).isEqualTo("gif");
        assertThat(gif.at("/attributes/size").asInt()).isEqualTo(GIF.length);
        assertThat(fetch(gif.at("/attributes/image_url").asText()).body()).isEqualTo(GIF);

        String pointer = "/data/attributes/import_from_url";
        assertError(api.post("upload_image_from_url", "/api/images", fromUrl("data:text/plain;base64,aGVsbG8=", "")), 400,
                pointer, "media type must be an image's");
        assertError(api.post("upload_image_from_url", "/api/images", fromUrl("data:image/png,rawbytes", "")), 400,
                pointer, "base64");
        assertError(api.post("upload_image_from_url", "/api/images", fromUrl("data:image/png;base64,!!!!", "")), 400,
                pointer, "not valid base64");
        assertError(api.post("upload_image_from_url", "/api/images", fromUrl("data:image/png;base64,aGVsbG8=", "")), 400,
                pointer, "not a supported image");
        String big = Base64.getEncoder().encodeToString(new byte[ImageFetch.MAX_BYTES + 3]);
        var tooBig = api.send("upload_image_from_url", "POST", "/api/images", fromUrl("data:image/png;base64," + big, ""), Map.of());
        // The body itself is over Klaviyo's 5 MB payload limit: the gate answers first.
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(images(api)).isEqualTo(1);
    }

    @Test
    void aFetchThatFailsIsA400AtTheUrlAndStoresNothing() {
        Api api = account();
        String pointer = "/data/attributes/import_from_url";
        assertError(api.post("upload_image_from_url", "/api/images", fromUrl(origin + "/big.png", "")), 400, pointer, "5MB");
        assertError(api.post("upload_image_from_url", "/api/images", fromUrl(origin + "/endless.png", "")), 400, pointer, "5MB");
        long started = System.nanoTime();
        assertError(api.post("upload_image_from_url", "/api/images", fromUrl(origin + "/slow.png", "")), 400, pointer, "within 500 ms");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_500);
        assertError(api.post("upload_image_from_url", "/api/images", fromUrl(origin + "/missing.png", "")), 400, pointer, "HTTP 404");
        assertError(api.post("upload_image_from_url", "/api/images", fromUrl(origin + "/loop", "")), 400, pointer, "more than 3 times");
        assertError(api.post("upload_image_from_url", "/api/images", fromUrl("ftp://example.com/a.png", "")), 400, pointer, "http or https");
        assertError(api.post("upload_image_from_url", "/api/images", fromUrl("not a url at all", "")), 400, pointer, "http or https");
        assertError(api.post("upload_image_from_url", "/api/images", fromUrl("http://user:pw@127.0.0.1/a.png", "")), 400, pointer,
                "user name or password");
        assertError(api.post("upload_image_from_url", "/api/images", fromUrl("http://127.0.0.1:1/a.png", "")), 400, pointer,
                "could not be fetched");
        assertError(api.post("upload_image_from_url", "/api/images", fromUrl("http://no-such-host.invalid/a.png", "")), 400, pointer,
                "could not be resolved");
        assertThat(images(api)).isZero();
        // A redirect is followed, and the name comes from the URL asked for.
        assertThat(upload(api, origin + "/moved.png", "").at("/attributes/name").asText()).isEqualTo("moved.png");
    }

    @Test
    void aBodyTheSpecRefusesIsA400AtItsMember() {
        Api api = account();
        assertError(api.post("upload_image_from_url", "/api/images", "{\"data\":{\"type\":\"image\",\"attributes\":{}}}"), 400,
                "/data/attributes/import_from_url", "required");
        assertError(api.post("upload_image_from_url", "/api/images", "{\"data\":{\"type\":\"img\",\"attributes\":{}}}"), 400,
                "/data/type", "'image'");
        assertError(api.post("upload_image_from_url", "/api/images", fromUrl(origin + "/pixel.png", ",\"hidden\":\"yes\"")), 400,
                "/data/attributes/hidden", "boolean");
        assertError(api.post("upload_image_from_url", "/api/images", fromUrl(origin + "/pixel.png", ",\"name\":\"  \"")), 400,
                "/data/attributes/name", "non-empty");
        assertError(api.post("upload_image_from_url", "/api/images", fromUrl(origin + "/pixel.png", ",\"size\":3")), 400,
                "/data/attributes/size", "not a valid field");
        assertError(api.post("upload_image_from_url", "/api/images", fromUrl(origin + "/pixel.png", ",\"name\":\"" + "n".repeat(256) + "\"")),
                400, "/data/attributes/name", "255");
        assertThat(images(api)).isZero();
    }

    @Test
    void aReusedNameGetsTheFirstFreeSuffix() {
        Api api = account();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 3; i++) names.add(upload(api, origin + "/pixel.png", ",\"name\":\"Logo\"").at("/attributes/name").asText());
        for (int i = 0; i < 2; i++) names.add(upload(api, origin + "/pixel.png", "").at("/attributes/name").asText());
        assertThat(names).containsExactly("Logo", "Logo (1)", "Logo (2)", "pixel.png", "pixel (1).png");
        // Another account's names are its own.
        assertThat(upload(account(), origin + "/pixel.png", ",\"name\":\"Logo\"").at("/attributes/name").asText()).isEqualTo("Logo");
    }

    @Test
    void anUpdateChangesNameAndHiddenOnly() {
        Api api = account();
        JsonNode image = upload(api, origin + "/pixel.png", ",\"name\":\"Before\"");
        String id = image.get("id").asText();
        upload(api, origin + "/pixel.png", ",\"name\":\"Taken\"");
        var updated = api.patch("update_image", "/api/images/" + id,
                "{\"data\":{\"type\":\"image\",\"id\":\"" + id + "\",\"attributes\":{\"name\":\"After\",\"hidden\":true}}}");
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.data().at("/attributes/name").asText()).isEqualTo("After");
        assertThat(updated.data().at("/attributes/hidden").asBoolean()).isTrue();
        assertThat(updated.data().at("/attributes/image_url")).isEqualTo(image.at("/attributes/image_url"));
        // Null keeps a value: an image always has a name.
        var kept = api.patch("update_image", "/api/images/" + id,
                "{\"data\":{\"type\":\"image\",\"id\":\"" + id + "\",\"attributes\":{\"name\":null}}}");
        assertThat(kept.data().at("/attributes/name").asText()).isEqualTo("After");
        assertThat(api.get("get_image", "/api/images/" + id).data().at("/attributes/hidden").asBoolean()).isTrue();

        var taken = api.patch("update_image", "/api/images/" + id,
                "{\"data\":{\"type\":\"image\",\"id\":\"" + id + "\",\"attributes\":{\"name\":\"Taken\"}}}");
        assertThat(taken.status()).as(taken.text()).isEqualTo(409);
        var url = api.patch("update_image", "/api/images/" + id,
                "{\"data\":{\"type\":\"image\",\"id\":\"" + id + "\",\"attributes\":{\"image_url\":\"https://x.test/a.png\"}}}");
        assertError(url, 400, "/data/attributes/image_url", "not a valid field");
        var file = api.patch("update_image", "/api/images/" + id,
                "{\"data\":{\"type\":\"image\",\"id\":\"" + id + "\",\"attributes\":{\"file\":\"x\"}}}");
        assertError(file, 400, "/data/attributes/file", "not a valid field");
        assertThat(api.get("get_image", "/api/images/999").status()).isEqualTo(404);
        assertThat(account().get("get_image", "/api/images/" + id).status()).isEqualTo(404);
    }

    @Test
    void imagesAreFilteredSortedAndPagedAsTheSpecAllows() {
        Api api = account();
        String small = upload(api, "data:image/gif;base64," + Base64.getEncoder().encodeToString(GIF), ",\"name\":\"b-gif\"").get("id").asText();
        String mid = upload(api, origin + "/pixel.png", ",\"name\":\"a-png\",\"hidden\":true").get("id").asText();
        String large = upload(api, origin + "/photo.jpg", ",\"name\":\"c-jpeg\"").get("id").asText();
        assertThat(ids(api, "")).containsExactly(small, mid, large);
        assertThat(ids(api, "?filter=" + q("equals(format,'png')"))).containsExactly(mid);
        assertThat(ids(api, "?filter=" + q("any(format,['png','jpeg'])"))).containsExactly(mid, large);
        assertThat(ids(api, "?filter=" + q("equals(hidden,true)"))).containsExactly(mid);
        assertThat(ids(api, "?filter=" + q("greater-than(size," + GIF.length + ")"))).containsExactly(mid, large);
        assertThat(ids(api, "?filter=" + q("starts-with(name,'c-')"))).containsExactly(large);
        assertThat(ids(api, "?filter=" + q("contains(name,'png')"))).containsExactly(mid);
        assertThat(ids(api, "?filter=" + q("equals(id,'" + small + "')"))).containsExactly(small);
        assertThat(ids(api, "?filter=" + q("greater-or-equal(updated_at,2000-01-01T00:00:00Z)"))).hasSize(3);
        assertThat(ids(api, "?sort=name")).containsExactly(mid, small, large);
        assertThat(ids(api, "?sort=-size")).first().isIn(mid, large);
        assertThat(ids(api, "?sort=-id")).containsExactly(large, mid, small);
        assertThat(ids(api, "?sort=format")).containsExactly(small, large, mid);
        var page = api.get("get_images", "/api/images?page%5Bsize%5D=2");
        assertThat(page.data()).hasSize(2);
        assertThat(page.body().at("/links/next").asText()).contains("page%5Bcursor%5D=");
        var sparse = api.get("get_images", "/api/images?fields%5Bimage%5D=name,size");
        assertThat(sparse.data().get(0).get("attributes").size()).isEqualTo(2);
        assertThat(api.get("get_images", "/api/images?filter=" + q("equals(image_url,'x')")).status()).isEqualTo(400);
        assertThat(api.get("get_images", "/api/images?sort=hidden").status()).isEqualTo(400);
    }

    static List<String> ids(Api api, String query) {
        var r = api.get("get_images", "/api/images" + query);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.data().forEach(d -> out.add(d.get("id").asText()));
        return out;
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // --- upload_image_from_file ---

    record Field(String name, String filename, String type, byte[] bytes) {
        static Field text(String name, String value) {
            return new Field(name, null, null, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    static byte[] form(String boundary, List<Field> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Field f : fields) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.name() + "\""
                    + (f.filename() == null ? "" : "; filename=\"" + f.filename() + "\"") + "\r\n"
                    + (f.type() == null ? "" : "Content-Type: " + f.type() + "\r\n") + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(f.bytes());
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** A multipart upload as the SDK sends it; the answer is held against the spec like every Api answer. */
    static Api.Response sendForm(String key, String contentType, byte[] body) throws Exception {
        var r = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/image-upload"))
                .header("revision", "2026-07-15").header("Authorization", "Klaviyo-API-Key " + key)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode json = Json.MAPPER.readTree(r.body());
        SpecValidator.load().assertValid("upload_image_from_file", r.statusCode(), json);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/vnd.api+json");
        return new Api.Response(r.statusCode(), r.headers(), json, r.body());
    }

    static Api.Response upload(String key, List<Field> fields) throws Exception {
        return sendForm(key, "multipart/form-data; boundary=XyZ", form("XyZ", fields));
    }

    @Test
    void aMultipartFileIsUploadedWithItsNameAndHidden() throws Exception {
        String key = server.createKey("images-" + UUID.randomUUID(), Set.of("*"));
        var r = upload(key, List.of(new Field("file", "shirt.jpg", "image/jpeg", jpeg), Field.text("name", "Shirt"),
                Field.text("hidden", "true")));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        JsonNode a = r.data().get("attributes");
        assertThat(a.get("name").asText()).isEqualTo("Shirt");
        assertThat(a.get("hidden").asBoolean()).isTrue();
        assertThat(a.get("format").asText()).isEqualTo("jpeg");
        assertThat(a.get("size").asInt()).isEqualTo(jpeg.length);
        assertThat(fetch(a.get("image_url").asText()).body()).isEqualTo(jpeg);

        var defaulted = upload(key, List.of(new Field("file", "shirt.jpg", "application/octet-stream", jpeg)));
        assertThat(defaulted.status()).as(defaulted.text()).isEqualTo(201);
        assertThat(defaulted.data().at("/attributes/name").asText()).isEqualTo("shirt.jpg");
        assertThat(defaulted.data().at("/attributes/hidden").asBoolean()).isFalse();
        var again = upload(key, List.of(new Field("file", "shirt.jpg", null, jpeg)));
        assertThat(again.data().at("/attributes/name").asText()).isEqualTo("shirt (1).jpg");
        assertThat(server.api(key).get("get_images", "/api/images").data()).hasSize(3);
    }

    @Test
    void aBadFormIsA4xxAndStoresNothing() throws Exception {
        String key = server.createKey("images-" + UUID.randomUUID(), Set.of("*"));
        String file = "/data/attributes/file";
        assertError(upload(key, List.of(Field.text("name", "No file"))), 400, file, "required");
        assertError(upload(key, List.of(new Field("file", "a.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8)))), 400, file,
                "not a supported image");
        assertError(upload(key, List.of(new Field("file", "a.png", "image/png", new byte[0]))), 400, file, "empty");
        assertError(upload(key, List.of(new Field("file", "a.png", "image/png", png), Field.text("hidden", "maybe"))), 400,
                "/data/attributes/hidden", "true or false");
        assertError(upload(key, List.of(new Field("file", "a.png", "image/png", png), Field.text("colour", "red"))), 400,
                "/data/attributes/colour", "not a valid field");
        assertError(upload(key, List.of(new Field("file", "a.png", "image/png", png), new Field("file", "b.png", "image/png", png))), 400,
                file, "twice");
        byte[] whole = form("XyZ", List.of(new Field("file", "a.png", "image/png", png)));
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 12);
        assertError(sendForm(key, "multipart/form-data; boundary=XyZ", cut), 400, "/data", "malformed multipart");
        assertError(sendForm(key, "multipart/form-data; boundary=Other", whole), 400, "/data", "malformed multipart");
        var noBoundary = sendForm(key, "multipart/form-data", whole);
        assertThat(noBoundary.status()).isEqualTo(415);
        var json = sendForm(key, "application/vnd.api+json", "{\"data\":{}}".getBytes(StandardCharsets.UTF_8));
        assertThat(json.status()).isEqualTo(415);
        byte[] big = new byte[ImageFetch.MAX_BYTES + 1];
        System.arraycopy(png, 0, big, 0, png.length);
        var tooBig = upload(key, List.of(new Field("file", "big.png", "image/png", big)));
        assertError(tooBig, 413, file, "5MB");
        var wayTooBig = upload(key, List.of(new Field("file", "big.png", "image/png", new byte[ImageRoutes.MAX_FORM_BYTES + 1])));
        assertThat(wayTooBig.status()).isEqualTo(413);
        assertThat(server.api(key).get("get_images", "/api/images").data()).isEmpty();
    }

    @Test
    void theFilePathServesOnlyStoredFiles() throws Exception {
        Api api = account();
        String url = upload(api, origin + "/pixel.png", "").at("/attributes/image_url").asText();
        String dir = url.substring(0, url.lastIndexOf('/') + 1);
        for (String other : List.of(dir + "0123456789abcdef0123456789abcdef.png", dir + "..%2F..%2Fetc%2Fpasswd", dir + "x.png",
                server.baseUrl() + "/image-files/..%2F/x.png")) {
            var r = fetch(other);
            assertThat(r.statusCode()).as(other).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/vnd.api+json");
        }
        assertThat(fetch(url).statusCode()).isEqualTo(200);
    }

    @Test
    void aResetDeletesAnAccountsImagesAndTheirFiles() throws Exception {
        String name = "images-reset-" + UUID.randomUUID();
        Api api = server.api(server.createKey(name, Set.of("*")));
        String url = upload(api, origin + "/pixel.png", "").at("/attributes/image_url").asText();
        var reset = AdminApi.send(server, "POST", "/admin/reset", "{\"account\":\"" + name + "\"}");
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(reset.body()).at("/deleted/image").asInt()).isEqualTo(1);
        assertThat(fetch(url).statusCode()).isEqualTo(404);
        assertThat(images(api)).isZero();
    }

    @Test
    void privateAddressesAreRefusedUnlessTheOperatorAllowsThem() {
        // A second server on the same database, with the default settings.
        try (TestServer guarded = TestServer.start(server.jdbcUrl(), Map.of(), Clock.systemUTC())) {
            Api api = guarded.api(guarded.createKey("images-guarded", Set.of("*")));
            String pointer = "/data/attributes/import_from_url";
            for (String url : List.of(origin + "/pixel.png", "http://localhost:" + receiver.getAddress().getPort() + "/pixel.png",
                    "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/a.png", "http://[::1]/a.png", "http://0.0.0.0/a.png")) {
                assertError(api.post("upload_image_from_url", "/api/images", fromUrl(url, "")), 400, pointer, "may not be fetched");
            }
            assertThat(api.get("get_images", "/api/images").data()).isEmpty();
            // A data URI reaches no network.
            upload(api, "data:image/gif;base64," + Base64.getEncoder().encodeToString(GIF), "");
        }
    }
}
