package dev.openprofile.jsonapi.filter;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A piece of a WHERE clause with {@code ?} placeholders, and the values for them in order. A value
 * is a String, Long, BigDecimal, Boolean or OffsetDateTime, or a Java array of one of those for
 * {@code = ANY(?)}; {@link #bind} knows how to hand each to pgjdbc.
 */
public record SqlFragment(String sql, List<Object> params) {

  public SqlFragment {
    params = List.copyOf(params);
  }

  /**
   * Binds the params to {@code ps} starting at parameter {@code startIndex} (1-based, as JDBC);
   * returns the next free index, so fragments and other params can follow.
   */
  public int bind(PreparedStatement ps, int startIndex) throws SQLException {
    int index = startIndex;
    for (Object param : params) {
      if (param instanceof Object[] array) {
        ps.setArray(index, ps.getConnection().createArrayOf(postgresType(array), array));
      } else {
        ps.setObject(index, param); // pgjdbc maps OffsetDateTime to timestamptz, BigDecimal to numeric
      }
      index++;
    }
    return index;
  }

  /** The PostgreSQL element type for {@code createArrayOf}, matching what a scalar of that Java type binds as. */
  static String postgresType(Object[] array) {
    return switch (array) {
      case String[] a -> "text";
      case Long[] a -> "int8";
      case BigDecimal[] a -> "numeric";
      case Boolean[] a -> "bool";
      case OffsetDateTime[] a -> "timestamptz";
      default -> throw new IllegalArgumentException("no PostgreSQL array type for " + array.getClass().getSimpleName());
    };
  }
}
