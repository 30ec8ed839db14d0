package dev.openprofile.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The stored bytes of images: {@code <dir>/<account id>/<32 hex>.<ext>}. A file is written whole to a temporary
 * name in its account's directory, flushed to disk and then renamed into place atomically, before the row that
 * names it commits: a crash leaves at worst a file no row names, never a row without its file. Names are random,
 * so the bytes at a name never change and can be cached for good.
 */
final class ImageFiles {
    /** What an account directory and a file name may look like; anything else never reaches the file system. */
    private static final Pattern ACCOUNT = Pattern.compile("[0-9A-Za-z_-]{1,64}");
    private static final Pattern FILE = Pattern.compile("[0-9a-f]{32}\\.(jpg|png|gif)");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;

    ImageFiles(Path dir) {
        this.dir = dir;
    }

    /** Stores the bytes under a new name; returns the name. */
    String write(String accountId, ImageFormat format, byte[] bytes) {
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        String name = HexFormat.of().formatHex(key) + "." + format.extension;
        Path account = accountDir(accountId).orElseThrow(() -> new IllegalStateException("account id " + accountId + " is not a directory name"));
        try {
            Files.createDirectories(account);
            Path temp = Files.createTempFile(account, ".upload-", ".tmp");
            try {
                try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    out.write(java.nio.ByteBuffer.wrap(bytes));
                    out.force(true);
                }
                Files.move(temp, account.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not store an image under " + account, e);
        }
        return name;
    }

    /** The stored file of this account and name, when both are names this store could have made. */
    Optional<Path> file(String accountId, String name) {
        if (name == null || !FILE.matcher(name).matches()) return Optional.empty();
        return accountDir(accountId).map(d -> d.resolve(name));
    }

    void delete(String accountId, String name) {
        file(accountId, name).ifPresent(f -> {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                // Left behind, it is an orphan the next sweep of the account removes.
            }
        });
    }

    /** Deletes every file of the account that {@code keep} does not name (and leftover temporary files). */
    void sweep(String accountId, Set<String> keep) {
        Optional<Path> account = accountDir(accountId);
        if (account.isEmpty() || !Files.isDirectory(account.get())) return;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(account.get())) {
            for (Path f : files) {
                if (!keep.contains(f.getFileName().toString())) Files.deleteIfExists(f);
            }
            if (keep.isEmpty()) Files.deleteIfExists(account.get());
        } catch (IOException e) {
            throw new UncheckedIOException("could not clear the images of account " + accountId, e);
        }
    }

    private Optional<Path> accountDir(String accountId) {
        return accountId != null && ACCOUNT.matcher(accountId).matches() ? Optional.of(dir.resolve(accountId)) : Optional.empty();
    }
}
