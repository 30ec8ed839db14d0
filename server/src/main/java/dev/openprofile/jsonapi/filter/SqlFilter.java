package dev.openprofile.jsonapi.filter;

import dev.openprofile.jsonapi.ApiError;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Turns validated {@link Term}s into a PostgreSQL WHERE-clause fragment. Values only ever travel as
 * {@code ?} parameters; the SQL text holds nothing but the caller's column expressions and fixed
 * operators. Comparisons are case-sensitive, as Klaviyo documents for filters.
 *
 * <p>Columns are scalars (text, numeric, boolean, timestamptz). Array columns, where Klaviyo's
 * {@code contains} means "has this item", are a later extension: they need the column's kind from
 * the caller, which this signature does not carry yet.
 */
public final class SqlFilter {

  private SqlFilter() {}

  /**
   * @param columnSql filter field name to the SQL expression for it, e.g. {@code "email" -> "p.email"};
   *     trusted text from the resource's descriptor, never from the request
   * @return the terms joined with AND; {@code TRUE} for no terms
   */
  public static SqlFragment translate(List<Term> terms, Map<String, String> columnSql) {
    return translate(terms, columnSql, Map.of());
  }

  /**
   * The resource's columns, once every term's field is among them: a field the operation's spec allows
   * that the resource does not map yet is a 400 naming it, never silently ignored.
   */
  public static Map<String, String> supported(List<Term> terms, Map<String, String> columnSql) {
    for (Term t : terms) {
      if (!columnSql.containsKey(t.field())) {
        throw ApiError.invalidParameter("filter", "Filtering on '" + t.field() + "' is not supported.");
      }
    }
    return columnSql;
  }

  /**
   * A field held by related rows rather than a column of the resource's own row (a profile's
   * suppressions): the term holds when {@code EXISTS (select 1 from FROM_WHERE and COMPARISON)},
   * the comparison being on {@code column}. Both are trusted SQL from the owning feature.
   */
  public record Related(String fromWhere, String column) {}

  /** As {@link #translate(List, Map)}, with some fields held by related rows. */
  public static SqlFragment translate(List<Term> terms, Map<String, String> columnSql, Map<String, Related> related) {
    if (terms.isEmpty()) {
      return new SqlFragment("TRUE", List.of());
    }
    List<String> conditions = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    for (Term term : terms) {
      Related r = related.get(term.field());
      if (r != null) {
        conditions.add("EXISTS (SELECT 1 FROM " + r.fromWhere() + " AND " + condition(term, r.column(), params) + ")");
        continue;
      }
      String column = columnSql.get(term.field());
      if (column == null) {
        throw new IllegalArgumentException("no column for filter field '" + term.field() + "'");
      }
      conditions.add(condition(term, column, params));
    }
    return new SqlFragment(String.join(" AND ", conditions), params);
  }

  private static String condition(Term term, String column, List<Object> params) {
    List<Object> values = term.values();
    return switch (term.operator()) {
      case HAS -> column + " IS NOT NULL";
      case EQUALS -> {
        if (term.isNullTest()) {
          yield column + " IS NULL";
        }
        yield term.list() ? anyOf(column, values, params) : one(column + " = ?", values, params);
      }
      case ANY -> anyOf(column, values, params);
      case GREATER_THAN -> one(column + " > ?", values, params);
      case GREATER_OR_EQUAL -> one(column + " >= ?", values, params);
      case LESS_THAN -> one(column + " < ?", values, params);
      case LESS_OR_EQUAL -> one(column + " <= ?", values, params);
      // strpos, not LIKE: a % or _ in the value must match itself.
      case CONTAINS, CONTAINS_ANY -> substrings(column, " OR ", values, params);
      case CONTAINS_ALL -> substrings(column, " AND ", values, params);
      case STARTS_WITH -> one("starts_with(" + column + ", ?)", values, params);
      case ENDS_WITH -> {
        Object suffix = single(values);
        params.add(suffix); // twice: its length, then the comparison
        params.add(suffix);
        yield "right(" + column + ", length(?)) = ?";
      }
    };
  }

  private static String one(String sql, List<Object> values, List<Object> params) {
    params.add(single(values));
    return sql;
  }

  private static Object single(List<Object> values) {
    if (values.size() != 1 || values.getFirst() == null) {
      throw new IllegalArgumentException("expected exactly one non-null value, got " + values);
    }
    return values.getFirst();
  }

  private static String anyOf(String column, List<Object> values, List<Object> params) {
    params.add(typedArray(values));
    return column + " = ANY(?)";
  }

  /** One substring test per value, joined by OR or AND; parenthesized when there are several, since terms are ANDed. */
  private static String substrings(String column, String joiner, List<Object> values, List<Object> params) {
    List<String> tests = new ArrayList<>();
    for (Object value : values) {
      tests.add(one("strpos(" + column + ", ?) > 0", Collections.singletonList(value), params));
    }
    return tests.size() == 1 ? tests.getFirst() : "(" + String.join(joiner, tests) + ")";
  }

  /** A Java array of the values' own type, which {@link SqlFragment#bind} turns into a PostgreSQL array. */
  private static Object[] typedArray(List<Object> values) {
    if (values.isEmpty() || values.contains(null)) {
      throw new IllegalArgumentException("an array needs non-null values, got " + values);
    }
    Object[] array = switch (values.getFirst()) {
      case String s -> new String[0];
      case Long l -> new Long[0];
      case BigDecimal d -> new BigDecimal[0];
      case Boolean b -> new Boolean[0];
      case OffsetDateTime t -> new OffsetDateTime[0];
      default -> throw new IllegalArgumentException("unsupported value type " + values.getFirst().getClass());
    };
    try {
      return values.toArray(array);
    } catch (ArrayStoreException e) {
      throw new IllegalArgumentException("values of mixed types: " + values, e);
    }
  }
}
