package dev.openprofile.store;

import dev.openprofile.jsonapi.filter.SqlFragment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One keyset page of a query, the shape every collection endpoint shares:
 * {@code select COLUMNS, KEY from FROM_WHERE and (FILTER) [and KEYSET] order by KEY limit N}.
 * Every value travels as a parameter.
 */
public final class PagedQuery {
    private PagedQuery() {}

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs, String sortKey) throws SQLException;
    }

    /**
     * @param fromWhere   the FROM clause and a WHERE condition (which leads with account_id), e.g.
     *                    {@code "profile p where p.account_id = ?"}
     * @param whereParams the values of its placeholders
     */
    public static <T> List<T> fetch(Connection c, String columns, String fromWhere, List<Object> whereParams,
                                    SqlFragment filter, Keyset keyset, Keyset.Position at, int limit,
                                    RowMapper<T> mapper) throws SQLException {
        StringBuilder sql = new StringBuilder("select ").append(columns).append(", ").append(keyset.sortKeySelect())
                .append(" as sort_key from ").append(fromWhere).append(" and (").append(filter.sql()).append(")");
        List<Object> keysetParams = keyset.condition(sql, at);
        sql.append(keyset.orderBy(at != null && at.backward())).append(" limit ?");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            for (Object p : whereParams) ps.setObject(i++, p);
            i = filter.bind(ps, i);
            for (Object p : keysetParams) ps.setObject(i++, p);
            ps.setInt(i, limit);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) rows.add(mapper.map(rs, rs.getString("sort_key")));
            }
            return rows;
        }
    }
}
