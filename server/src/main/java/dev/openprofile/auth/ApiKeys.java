package dev.openprofile.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Private keys look like Klaviyo's: pk_ and 34 letters or digits. Only their SHA-256 is stored. */
public final class ApiKeys {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {}

    public static String newPrivateKey() {
        return "pk_" + random(34);
    }

    /** A scope a key may be given: {@code *} (every scope) or one like {@code profiles:read}. */
    public static boolean isScope(String scope) {
        return scope.equals(Principal.ALL_SCOPES) || scope.matches("[a-z-]+:(read|write)");
    }

    public static String newPublicKey() {
        return random(6);
    }

    static String random(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        return sb.toString();
    }

    public static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
