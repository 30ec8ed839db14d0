package dev.openprofile.store;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Rows in PostgreSQL's COPY text format: tab-separated, {@code \N} for NULL, backslash escapes for the
 * characters that would end a field or a row.
 */
public final class CopyText {
    private CopyText() {}

    /** Appends one row; a null value is written as NULL. */
    public static void row(StringBuilder out, String... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) out.append('\t');
            field(out, values[i]);
        }
        out.append('\n');
    }

    public static String timestamp(OffsetDateTime t) {
        return t == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
    }

    private static void field(StringBuilder out, String value) {
        if (value == null) {
            out.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
    }
}
