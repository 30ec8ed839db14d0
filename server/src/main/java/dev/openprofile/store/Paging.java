package dev.openprofile.store;

import dev.openprofile.jsonapi.Cursor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Turns the rows of a keyset query (page size + 1 fetched) into a page with next and prev cursors. */
public final class Paging {
    private Paging() {}

    public record Page<T>(List<T> rows, Optional<Cursor> next, Optional<Cursor> prev) {}

    public static Keyset.Position position(Optional<Cursor> cursor) {
        return cursor.map(c -> new Keyset.Position(c.sortKey(), c.id(), c.backward())).orElse(null);
    }

    /**
     * @param fetched rows in query order, at most pageSize + 1
     * @param key     a row's (sort key text, id)
     */
    public static <T> Page<T> page(List<T> fetched, int pageSize, Optional<Cursor> cursor, String sortField,
                                   Function<T, String[]> key) {
        boolean backward = cursor.map(Cursor::backward).orElse(false);
        boolean more = fetched.size() > pageSize;
        List<T> rows = new ArrayList<>(more ? fetched.subList(0, pageSize) : fetched);
        if (backward) Collections.reverse(rows);
        if (rows.isEmpty()) return new Page<>(rows, Optional.empty(), Optional.empty());
        boolean hasNext = backward ? cursor.isPresent() : more;
        boolean hasPrev = backward ? more : cursor.isPresent();
        String[] first = key.apply(rows.get(0));
        String[] last = key.apply(rows.get(rows.size() - 1));
        return new Page<>(rows,
                hasNext ? Optional.of(new Cursor(sortField, false, last[0], last[1])) : Optional.empty(),
                hasPrev ? Optional.of(new Cursor(sortField, true, first[0], first[1])) : Optional.empty());
    }
}
