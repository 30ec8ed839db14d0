package dev.openprofile.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads profiles from a CSV file (a header row; known columns become attributes, location columns
 * the location, every other column a custom property) or a JSON Lines file (one profile per line:
 * its attributes, or a whole {"type":"profile",...} resource object), streaming, with line numbers.
 */
public final class ProfileFile implements Iterator<ProfileFile.Entry>, AutoCloseable {
    public record Entry(long line, ObjectNode profile) {}

    private static final Set<String> ATTRIBUTES = Set.of("email", "phone_number", "external_id", "first_name",
            "last_name", "organization", "locale", "title", "image");
    private static final Set<String> LOCATION = Set.of("address1", "address2", "city", "country", "latitude",
            "longitude", "region", "zip", "timezone", "ip");

    private final BufferedReader reader;
    private final Iterator<Entry> entries;

    ProfileFile(Path file) throws IOException {
        this(Files.newBufferedReader(file, StandardCharsets.UTF_8), file.getFileName().toString());
    }

    /**
     * Profiles read from {@code reader}, a file named {@code name} (its ending says CSV or JSON Lines), for the
     * web console's CSV import as for {@code openprofile import}; a CSV whose header cannot be read is an
     * IllegalArgumentException here.
     */
    public ProfileFile(java.io.Reader in, String name) throws IOException {
        this.reader = in instanceof BufferedReader b ? b : new BufferedReader(in);
        String lower = name.toLowerCase();
        if (lower.endsWith(".csv")) {
            Iterator<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                    .setIgnoreEmptyLines(true).setTrim(true).get().parse(reader).iterator();
            this.entries = map(records, r -> new Entry(r.getRecordNumber() + 1, fromCsv(r)));
        } else if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
            this.entries = jsonLines();
        } else {
            reader.close();
            throw new IllegalArgumentException("the file must end in .csv or .jsonl");
        }
    }

    /** Counts the profiles without keeping them, for the progress bar's total. */
    static long count(Path file) throws IOException {
        try (ProfileFile f = new ProfileFile(file)) {
            long n = 0;
            while (f.hasNext()) {
                f.next();
                n++;
            }
            return n;
        }
    }

    private static ObjectNode fromCsv(CSVRecord r) {
        ObjectNode attributes = Json.MAPPER.createObjectNode();
        r.toMap().forEach((column, value) -> {
            if (value == null || value.isEmpty()) return;
            String key = column.strip();
            if (ATTRIBUTES.contains(key)) attributes.put(key, value);
            else if (LOCATION.contains(key)) attributes.with("location").put(key, value);
            else attributes.with("properties").put(key, value);
        });
        return resource(attributes);
    }

    private Iterator<Entry> jsonLines() {
        return new Iterator<>() {
            long line;
            Entry next = advance();

            private Entry advance() {
                try {
                    String text;
                    while ((text = reader.readLine()) != null) {
                        line++;
                        if (text.isBlank()) continue;
                        JsonNode node;
                        try {
                            node = Json.MAPPER.readTree(text);
                        } catch (IOException e) {
                            // An unreadable line still goes to the server, which reports it with the others.
                            ObjectNode bad = Json.MAPPER.createObjectNode();
                            bad.put("type", "profile");
                            bad.put("attributes", text);
                            return new Entry(line, bad);
                        }
                        ObjectNode profile = node.isObject() && node.has("type") ? (ObjectNode) node
                                : resource(node.isObject() ? (ObjectNode) node : Json.MAPPER.createObjectNode());
                        return new Entry(line, profile);
                    }
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            public boolean hasNext() { return next != null; }

            public Entry next() {
                if (next == null) throw new NoSuchElementException();
                Entry e = next;
                next = advance();
                return e;
            }
        };
    }

    /** The bulk_import_profiles request of these profiles, adding them to the list {@code listId} unless it is null. */
    public static ObjectNode importJob(java.util.List<Entry> entries, String listId) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        ObjectNode data = doc.putObject("data");
        data.put("type", "profile-bulk-import-job");
        com.fasterxml.jackson.databind.node.ArrayNode profiles = data.putObject("attributes").putObject("profiles").putArray("data");
        entries.forEach(e -> profiles.add(e.profile()));
        if (listId != null) {
            data.putObject("relationships").putObject("lists").putArray("data").addObject().put("type", "list").put("id", listId);
        }
        return doc;
    }

    private static ObjectNode resource(ObjectNode attributes) {
        ObjectNode p = Json.MAPPER.createObjectNode();
        p.put("type", "profile");
        p.set("attributes", attributes);
        return p;
    }

    private static <A, B> Iterator<B> map(Iterator<A> in, java.util.function.Function<A, B> f) {
        return new Iterator<>() {
            public boolean hasNext() { return in.hasNext(); }
            public B next() { return f.apply(in.next()); }
        };
    }

    @Override
    public boolean hasNext() {
        return entries.hasNext();
    }

    @Override
    public Entry next() {
        return entries.next();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
