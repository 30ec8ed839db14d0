package dev.openprofile.objectrecords;

import java.util.Optional;

/**
 * The JSON pointer of the member a simple JSONPath selects ({@code $['age']} → {@code /age}, {@code $.owner.email} →
 * {@code /owner/email}, {@code $.items[0]} → {@code /items/0}), so that a 400 can point into the record; empty for a
 * path with filters, wildcards or recursion, which select no one member.
 */
final class RecordPointers {
    private RecordPointers() {}

    static Optional<String> of(String path) {
        if (path == null || !path.startsWith("$")) return Optional.empty();
        StringBuilder out = new StringBuilder();
        int i = 1;
        while (i < path.length()) {
            char ch = path.charAt(i);
            if (ch == '.') {
                int end = i + 1;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') end++;
                String name = path.substring(i + 1, end);
                if (name.isEmpty() || name.equals("*")) return Optional.empty();
                append(out, name);
                i = end;
            } else if (ch == '[' && i + 1 < path.length() && (path.charAt(i + 1) == '\'' || path.charAt(i + 1) == '"')) {
                char quote = path.charAt(i + 1);
                StringBuilder name = new StringBuilder();
                int j = i + 2;
                while (j < path.length() && path.charAt(j) != quote) {
                    if (path.charAt(j) == '\\' && j + 1 < path.length()) j++;
                    name.append(path.charAt(j++));
                }
                if (j + 1 >= path.length() || path.charAt(j + 1) != ']') return Optional.empty();
                append(out, name.toString());
                i = j + 2;
            } else if (ch == '[') {
                int close = path.indexOf(']', i);
                if (close < 0 || !path.substring(i + 1, close).matches("[0-9]+")) return Optional.empty();
                out.append('/').append(path, i + 1, close);
                i = close + 1;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(out.toString());
    }

    /** The record member's name a path names last ({@code $.owner.email} → email); the path itself when none. */
    static String memberName(String path) {
        return of(path).filter(p -> !p.isEmpty())
                .map(p -> p.substring(p.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~")).orElse(path);
    }

    private static void append(StringBuilder out, String name) {
        out.append('/').append(name.replace("~", "~0").replace("/", "~1"));
    }
}
