package dev.openprofile.images;

import java.util.Optional;

/**
 * The formats Klaviyo accepts ("Supported image formats: jpeg,png,gif", the spec's upload schemas), told by the
 * bytes' magic numbers, never by a name or a declared type alone.
 *
 * @param wire      the {@code format} attribute Klaviyo shows
 * @param extension the stored file's extension, which the public path serves by
 */
enum ImageFormat {
    JPEG("jpeg", "jpg", "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
    PNG("png", "png", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}),
    GIF87("gif", "gif", "image/gif", new byte[] {'G', 'I', 'F', '8', '7', 'a'}),
    GIF89("gif", "gif", "image/gif", new byte[] {'G', 'I', 'F', '8', '9', 'a'});

    final String wire;
    final String extension;
    final String mediaType;
    private final byte[] magic;

    ImageFormat(String wire, String extension, String mediaType, byte[] magic) {
        this.wire = wire;
        this.extension = extension;
        this.mediaType = mediaType;
        this.magic = magic;
    }

    static Optional<ImageFormat> sniff(byte[] bytes) {
        outer:
        for (ImageFormat f : values()) {
            if (bytes.length < f.magic.length) continue;
            for (int i = 0; i < f.magic.length; i++) if (bytes[i] != f.magic[i]) continue outer;
            return Optional.of(f);
        }
        return Optional.empty();
    }

    /** The media type a stored file is served with, by its extension; empty for one we never store. */
    static Optional<String> mediaTypeOf(String extension) {
        for (ImageFormat f : values()) if (f.extension.equals(extension)) return Optional.of(f.mediaType);
        return Optional.empty();
    }
}
