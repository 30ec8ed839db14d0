package dev.openprofile.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Klaviyo's request signing: {@code Klaviyo-Signature} is the hex HMAC-SHA256, under the webhook's secret key, of
 * the raw body followed by the {@code Klaviyo-Timestamp} header's value ("Working with system webhooks"; Klaviyo's
 * integrations and SDKs verify {@code hmac_sha256(body . timestamp, secret)} in hex).
 */
final class WebhookSignature {
    private WebhookSignature() {}

    /** The Klaviyo-Timestamp value: an HTTP date, as Klaviyo sends it (docs/compatibility.md, "Webhooks"). */
    static String timestamp(Instant at) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC));
    }

    static String sign(byte[] body, String timestamp, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(body);
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
