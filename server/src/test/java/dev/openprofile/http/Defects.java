package dev.openprofile.http;

import dev.openprofile.http.MalformedRequests.Draft;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The defects and noise {@link MalformedRequests} applies to a draft. Each defect method leaves the
 * request invalid at its layer; {@link #noise} may add more, but never repairs one.
 */
final class Defects {
    private Defects() {}

    /** Authorization values no key matches ("KEY" stands for the valid key). */
    static final List<String> BAD_AUTHORIZATIONS = List.of("Bearer KEY", "KEY", "Klaviyo-API-Key", "Klaviyo-API-Key KEYx",
            "Klaviyo-API-Key pk_0000000000000000000000000000000000", "Basic dXNlcjpwYXNz", "Klaviyo-API-Key-KEY",
            "Klaviyo-API-Key pk_\u00e9\u00e9\u00e9", "Klaviyo-API-Key " + "k".repeat(2000), "Klaviyo-API-Key ,,,");

    private static final List<String> METHODS = List.of("GET", "POST", "PATCH", "PUT", "DELETE", "OPTIONS", "HEAD", "TRACE",
            "CONNECT", "FOO", "get", "Post", "M-SEARCH", "PROPFIND", "GETT", "X".repeat(300), "PRI");

    static void mutateMethod(Draft d) {
        // On a /client path an OPTIONS is a browser's CORS preflight, which the client gate answers (204).
        d.method = d.pick(d.target.startsWith("/client/") ? METHODS.stream().filter(m -> !m.equals("OPTIONS")).toList() : METHODS);
        d.note("method " + (d.method.length() > 20 ? "long" : d.method));
    }

    /** Path mutations that may still route somewhere: the guaranteed defect must be one every route checks. */
    static void mutatePath(Draft d) {
        String path = d.target;
        int cut = path.lastIndexOf('/');
        String mutated = switch (d.random.nextInt(11)) {
            case 0 -> path.substring(0, cut) + "%2F" + path.substring(cut + 1);
            case 1 -> path + "/";
            case 2 -> path.replaceFirst("/api/", "/api/x/../");
            case 3 -> path.replaceFirst("/api/", "/api/%2e%2e/api/");
            case 4 -> path + "/%C3%A9t%C3%A9";
            case 5 -> path.replace("/api/", "//api//");
            case 6 -> path + ";jsessionid=1";
            case 7 -> path.toUpperCase();
            case 8 -> path.contains("?") ? path : path.substring(0, cut + 1) + d.pick(List.of("x", "0", "-1", "%20", "a".repeat(300), "null"));
            case 9 -> path + "/" + "seg/".repeat(200);
            default -> path.substring(0, cut + 1) + "%E2%9C%93";
        };
        d.target = mutated;
        d.note("path");
    }

    static void revision(Draft d) {
        String value = d.pick(List.of("", "July 2026", "2026-13-40", "2999-01-01", "2026-07-15x", "2026/07/15", "\u00e9", "latest",
                "2026-07-15.", "20260715"));
        d.replace("revision", d.random.nextInt(5) == 0 ? null : value, "revision");
    }

    static void query(Draft d) {
        String q = d.pick(List.of("colour=blue", "filter=equals(email,", "filter=equals(email,%22x)", "filter=%ZZ",
                "page%5Bcursor%5D=%21%21not-a-cursor", "page%5Bsize%5D=-1", "page%5Bsize%5D=99999999999999999999",
                "include=nope&include=nope", "sort=-shoe_size", "fields%5Bprofile%5D=shoe_size", "filter=" + "a".repeat(4000),
                "page%5Bsize%5D=1&page%5Bsize%5D=2", "%00=1", "filter=any(id,%5B%22a%22", "=", "&&&=&x", "filter=equals(email,'x\")",
                "additional-fields%5Bprofile%5D=nope", "%", "a%C0%AF=1", "filter=" + "and(".repeat(40) + "x"));
        d.target = d.target + (d.target.contains("?") ? "&" : "?") + q;
        d.note("query");
    }

    /** A request line or header section Jetty must reject before any route sees it. */
    static void head(Draft d) {
        switch (d.random.nextInt(20)) {
            case 0 -> { d.target = d.target.replaceFirst("/api/", "/api/%00"); d.note("path %00"); }
            case 1 -> { d.target = d.target + "%ZZ"; d.note("path %ZZ"); }
            case 2 -> { d.target = d.target + "/%C0%AF"; d.note("path bad utf-8"); }
            case 3 -> { d.target = "/../../.." + d.target; d.note("path escapes root"); }
            case 4 -> { d.target = d.target + "/\u00c3\u00a9"; d.note("path raw unicode"); }
            case 5 -> { d.target = d.target + "?x=" + "a".repeat(9000); d.note("uri too long"); }
            case 6 -> { d.header("X-Big", "b".repeat(9000)); d.note("header too large"); }
            case 7 -> { d.version = d.pick(List.of("HTTP/3.7", "HTTP/2.0", "HTTP/1.1x", "HTTP", "")); d.note("version"); }
            case 8 -> { d.method = d.pick(List.of("G@T", "GE(T", "P\u00f6ST", "GET\u0001")); d.note("method token"); }
            case 9 -> { d.headerLines.add(d.pick(List.of("Bad Header: v", "NoColon", "X-A: a\u0001b", " folded", ": empty"))); d.note("header line"); }
            case 10 -> { d.replace("Host", null, "no host"); d.version = "HTTP/1.1"; }
            case 11 -> { d.header("Host", "other"); d.note("two hosts"); }
            case 12 -> d.replace("Host", d.pick(List.of("a b", "[::1", "x:99999999", "h:port")), "bad host");
            case 13 -> { d.header("Content-Length", "5"); d.header("Content-Length", "6"); d.note("two lengths"); }
            case 14 -> { d.header("Content-Length", d.pick(List.of("abc", "-5", "99999999999999999999", "1 2", "0x10"))); d.note("bad length"); }
            case 15 -> { d.header("Transfer-Encoding", d.pick(List.of("gzip", "chunked, gzip", "chunked, chunked", "identity"))); d.note("bad transfer-encoding"); }
            case 16 -> { d.header("Transfer-Encoding", "chunked"); d.header("Content-Length", "3"); d.note("transfer-encoding and length"); }
            case 17 -> { d.eol = "\r"; d.note("bare CR"); }
            case 18 -> { d.target = "http://elsewhere.example" + d.target; d.note("authority != host"); }
            default -> { d.target = d.target.substring(1); d.note("relative target"); }
        }
    }

    /** A body that cannot be a valid document of any operation. */
    static void body(Draft d) {
        String valid = new String(d.body, StandardCharsets.UTF_8);
        // The defects strike the first string value: every sample body has one (data.type).
        int start = valid.indexOf(":\"") + 1;
        int end = valid.indexOf('"', start + 1) + 1;
        String before = valid.substring(0, start);
        String after = valid.substring(end);
        // 11, over 5 MB, is rare: each costs a 5 MB upload
        int variant = d.random.nextInt(15) == 0 ? 11 : d.random.nextInt(11);
        String body = switch (variant) {
            case 0 -> valid.substring(0, d.random.nextInt(valid.length()));
            case 1 -> "{\"data\":" + "[".repeat(101 + d.random.nextInt(3000)) + "]".repeat(d.random.nextInt(2) * 3200);
            case 2 -> before + "9".repeat(1001 + d.random.nextInt(5000)) + after;
            case 3 -> "{\"" + "k".repeat(50_001) + "\":1}";
            case 4 -> d.pick(List.of("[]", "42", "\"x\"", "true", "null", "", " ", "{\"data\":42}", "{\"data\":\"x\"}", "{\"data\":true}",
                    "{\"data\":{\"type\":42}}", "{}", "{\"data\":[42]}", "{\"data\":{}}"));
            case 5 -> valid.replaceFirst("\\{\"data\"", "{\"data\":1,\"data\"");
            case 6 -> valid + d.pick(List.of("}", " x", "{}", ",", "\u0000", "]"));
            case 7 -> before + "NaN" + after;
            case 8 -> before + "'" + valid.substring(start + 1, end - 1) + "'" + after;
            case 9 -> before + "\"\\uZZZZ\"" + after;
            case 11 -> before + "\"" + "f".repeat(5 * 1024 * 1024) + "\"" + after;
            default -> null;
        };
        if (body == null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(d.body, 0, start + 1);
            out.writeBytes(d.pick(List.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc0, (byte) 0xaf}, new byte[] {(byte) 0x80},
                    new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[] {(byte) 0xe2, (byte) 0x82})));
            out.write(d.body, start + 1, d.body.length - start - 1);
            d.body = out.toByteArray();
            d.note("body invalid utf-8");
        } else {
            d.body = body.getBytes(StandardCharsets.UTF_8);
            d.note("body " + variant);
        }
    }

    /** Content-Type or Content-Encoding the body cannot be read as. */
    static void content(Draft d) {
        String type = d.pick(List.of("text/plain", "application/xml", "multipart/form-data; boundary=x", "application/json; charset=klingon",
                "application/vnd.api+json; charset=utf-16", "application/json; charset=\"", "///", "application/json;;charset=", "",
                "application/x-www-form-urlencoded", "application/json; charset=iso-8859-1"));
        if (d.random.nextInt(6) == 0) {
            d.header("Content-Encoding", d.pick(List.of("gzip", "br", "deflate, gzip", "klingon")));
            d.note("content-encoding");
        } else {
            d.replace("Content-Type", d.random.nextInt(8) == 0 ? null : type, "content-type");
        }
    }

    /** A body whose framing breaks after the headers were accepted: the route finds it while reading. */
    static void framing(Draft d) {
        byte[] body = d.body;
        int cut = d.random.nextInt(body.length);
        String headers;
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        switch (d.random.nextInt(4)) {
            case 0 -> {
                headers = "Content-Length: " + (body.length + 1 + d.random.nextInt(10_000));
                raw.write(body, 0, body.length);
            }
            case 1 -> {
                headers = "Transfer-Encoding: chunked";
                raw.writeBytes((d.pick(List.of("ZZ", "-1", "", "fffffffffffffffffff", "5;\u0001")) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                raw.write(body, 0, body.length);
            }
            case 2 -> {
                headers = "Transfer-Encoding: chunked";
                raw.writeBytes((Integer.toHexString(body.length + 50) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                raw.write(body, 0, cut);
            }
            default -> {
                headers = "Transfer-Encoding: chunked";
                raw.writeBytes((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                raw.write(body, 0, body.length);
                raw.writeBytes("XX".getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        d.headerLines.add(headers);
        d.rawBody = raw.toByteArray();
        d.note("framing " + headers.split(":")[0]);
    }

    /** Changes that may or may not be defects; none of them repairs one. */
    static void noise(Draft d) {
        int n = d.random.nextInt(3);
        for (int i = 0; i < n; i++) {
            switch (d.random.nextInt(12)) {
                case 0 -> {
                    // HTTP/1.0 needs no Host: with one missing it would repair that defect
                    if (d.version.equals("HTTP/1.1") && !d.value("Host").isEmpty()) { d.version = "HTTP/1.0"; d.note("~http/1.0"); }
                }
                case 1 -> { d.header("Expect", "100-continue"); d.note("~expect"); }
                case 2 -> { d.replace("Accept", d.pick(List.of("text/html", "application/xml", "*/*", "application/json", "")), "~accept"); }
                case 3 -> { d.header("Accept-Charset", d.pick(List.of("klingon", "utf-16", "*;q=0"))); d.note("~accept-charset"); }
                case 4 -> { d.header("Connection", d.pick(List.of("close", "keep-alive", "Upgrade, HTTP2-Settings"))); d.note("~connection"); }
                case 5 -> { d.header("Upgrade", d.pick(List.of("h2c", "websocket"))); d.note("~upgrade"); }
                case 6 -> { d.header("X-Noise-" + d.random.nextInt(100), "v".repeat(d.random.nextInt(3000))); d.note("~header"); }
                case 7 -> { d.header("Cookie", "a=\u00ff; ;;=b"); d.note("~cookie"); }
                case 8 -> { d.header("Accept-Encoding", "gzip, br, zstd, klingon;q=2"); d.note("~accept-encoding"); }
                case 9 -> {
                    // only where no framing header exists: "gzip" then "chunked" could repair a bad Transfer-Encoding
                    if (d.body != null && d.rawBody == null && d.value("Transfer-Encoding").isEmpty() && d.value("Content-Length").isEmpty()) {
                        d.framing = "chunked";
                        d.note("~chunked");
                    }
                }
                case 10 -> { d.header("X-Forwarded-For", "::::, 999.1.1.1, \u00e9"); d.note("~forwarded"); }
                default -> { d.header("Content-Type", "text/plain"); d.note("~second content-type"); }
            }
        }
    }
}
