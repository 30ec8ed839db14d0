package dev.openprofile.store;

import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keyset pagination over (sort key, id): the cursor names the last row seen, so a page never skips or
 * repeats rows while data changes, and every page costs the same (DESIGN.md, "Data rules").
 *
 * @param sortSql   SQL expression of the sort key (must match an index for speed)
 * @param castType  the PostgreSQL type the key's text form is cast back to, e.g. timestamptz
 */
public record Keyset(String sortSql, String castType, String idSql, boolean descending) {

    /** The keyset of a resource's sortable field, in the sort's direction; 400 for a field it cannot sort by. */
    public static Keyset of(Map<String, Keyset> sorts, Query.Sort sort) {
        Keyset k = sorts.get(sort.field());
        if (k == null) throw ApiError.invalidParameter("sort", "Sorting by '" + sort.field() + "' is not supported.");
        return new Keyset(k.sortSql(), k.castType(), k.idSql(), sort.descending());
    }

    /** Where to resume: after (or, travelling backward, before) this row. */
    public record Position(String sortKey, String id, boolean backward) {}

    /** Appends the condition and returns its parameters. */
    public List<Object> condition(StringBuilder sql, Position at) {
        List<Object> params = new ArrayList<>();
        if (at == null) return params;
        boolean greater = descending == at.backward();
        if (sortSql.equals(idSql)) {
            // The sort key is the id itself (e.g. a submission index): one column, one typed value.
            sql.append(" and ").append(sortSql).append(greater ? " > " : " < ").append("?::").append(castType);
            params.add(at.sortKey());
            return params;
        }
        sql.append(" and (").append(sortSql).append(", ").append(idSql).append(") ")
                .append(greater ? ">" : "<").append(" (?::").append(castType).append(", ?)");
        params.add(at.sortKey());
        params.add(at.id());
        return params;
    }

    /** Travelling backward reads in reverse order; the caller reverses the rows it gets. */
    public String orderBy(boolean backward) {
        String dir = descending != backward ? "desc" : "asc";
        return " order by " + sortSql + " " + dir + ", " + idSql + " " + dir;
    }

    public String sortKeySelect() {
        return sortSql + "::text";
    }
}
