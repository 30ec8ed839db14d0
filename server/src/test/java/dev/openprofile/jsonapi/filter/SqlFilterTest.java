package dev.openprofile.jsonapi.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlFilterTest {

  private static final Map<String, String> COLUMNS = Map.of(
      "email", "p.email", "name", "f.name", "created", "p.created", "rating", "r.rating",
      "timestamp", "e.ts", "archived", "c.archived", "profile", "e.profile_id");

  private static SqlFragment sql(Term... terms) {
    return SqlFilter.translate(List.of(terms), COLUMNS);
  }

  private static Term single(String field, Operator op, Object value) {
    return new Term(field, op, List.of(value), false);
  }

  private static Term list(String field, Operator op, Object... values) {
    return new Term(field, op, List.of(values), true);
  }

  @Test
  void noTermsMatchEverything() {
    assertThat(SqlFilter.translate(List.of(), COLUMNS)).isEqualTo(new SqlFragment("TRUE", List.of()));
  }

  @Test
  void equalsBindsOneValue() {
    assertThat(sql(single("email", Operator.EQUALS, "a@x.com"))).isEqualTo(new SqlFragment("p.email = ?", List.of("a@x.com")));
  }

  @Test
  void equalsNullIsIsNull() {
    assertThat(sql(new Term("email", Operator.EQUALS, Arrays.asList((Object) null), false)))
        .isEqualTo(new SqlFragment("p.email IS NULL", List.of()));
  }

  @Test
  void listsBindOneTypedArray() {
    SqlFragment equals = sql(list("email", Operator.EQUALS, "a", "b"));
    assertThat(equals.sql()).isEqualTo("p.email = ANY(?)");
    assertThat(equals.params()).singleElement().isInstanceOf(String[].class).isEqualTo(new String[] {"a", "b"});

    SqlFragment any = sql(list("rating", Operator.ANY, 4L, 5L));
    assertThat(any.sql()).isEqualTo("r.rating = ANY(?)");
    assertThat(any.params()).singleElement().isInstanceOf(Long[].class).isEqualTo(new Long[] {4L, 5L});

    OffsetDateTime t = OffsetDateTime.parse("2023-01-01T00:00:00Z");
    assertThat(sql(list("created", Operator.ANY, t)).params()).singleElement().isEqualTo(new OffsetDateTime[] {t});
    assertThat(sql(list("archived", Operator.ANY, true)).params()).singleElement().isEqualTo(new Boolean[] {true});
    assertThat(sql(list("timestamp", Operator.ANY, BigDecimal.ONE)).params()).singleElement()
        .isEqualTo(new BigDecimal[] {BigDecimal.ONE});
  }

  @Test
  void anyWithOneScalarStillUsesAnArray() {
    assertThat(sql(single("email", Operator.ANY, "a")).params()).singleElement().isEqualTo(new String[] {"a"});
  }

  @Test
  void comparisons() {
    OffsetDateTime t = OffsetDateTime.parse("2023-03-01T00:00:00Z");
    assertThat(sql(single("created", Operator.GREATER_THAN, t))).isEqualTo(new SqlFragment("p.created > ?", List.of(t)));
    assertThat(sql(single("created", Operator.GREATER_OR_EQUAL, t))).isEqualTo(new SqlFragment("p.created >= ?", List.of(t)));
    assertThat(sql(single("created", Operator.LESS_THAN, t))).isEqualTo(new SqlFragment("p.created < ?", List.of(t)));
    assertThat(sql(single("rating", Operator.LESS_OR_EQUAL, 3L))).isEqualTo(new SqlFragment("r.rating <= ?", List.of(3L)));
  }

  @Test
  void substringOperatorsAvoidLikeSoWildcardsStayLiteral() {
    assertThat(sql(single("name", Operator.CONTAINS, "50%_off")))
        .isEqualTo(new SqlFragment("strpos(f.name, ?) > 0", List.of("50%_off")));
    assertThat(sql(single("name", Operator.STARTS_WITH, "Wel")))
        .isEqualTo(new SqlFragment("starts_with(f.name, ?)", List.of("Wel")));
    assertThat(sql(single("name", Operator.ENDS_WITH, "come")))
        .isEqualTo(new SqlFragment("right(f.name, length(?)) = ?", List.of("come", "come")));
  }

  @Test
  void containsAnyIsAnOrAndContainsAllAnAndOfSubstringTests() {
    assertThat(sql(list("name", Operator.CONTAINS_ANY, "sms", "email")))
        .isEqualTo(new SqlFragment("(strpos(f.name, ?) > 0 OR strpos(f.name, ?) > 0)", List.of("sms", "email")));
    assertThat(sql(list("name", Operator.CONTAINS_ALL, "sms", "email")))
        .isEqualTo(new SqlFragment("(strpos(f.name, ?) > 0 AND strpos(f.name, ?) > 0)", List.of("sms", "email")));
    assertThat(sql(list("name", Operator.CONTAINS_ANY, "sms"))).isEqualTo(new SqlFragment("strpos(f.name, ?) > 0", List.of("sms")));
  }

  @Test
  void hasIsNotNull() {
    assertThat(sql(new Term("profile", Operator.HAS, List.of(), false))).isEqualTo(new SqlFragment("e.profile_id IS NOT NULL", List.of()));
  }

  @Test
  void termsAreAndedWithParamsInOrder() {
    assertThat(sql(
        single("email", Operator.EQUALS, "a"),
        list("name", Operator.CONTAINS_ANY, "x", "y"),
        single("name", Operator.ENDS_WITH, "z"),
        new Term("profile", Operator.HAS, List.of(), false)))
        .isEqualTo(new SqlFragment(
            "p.email = ? AND (strpos(f.name, ?) > 0 OR strpos(f.name, ?) > 0) AND right(f.name, length(?)) = ? "
                + "AND e.profile_id IS NOT NULL",
            List.of("a", "x", "y", "z", "z")));
  }

  @Test
  void valuesNeverReachTheSqlText() {
    String hostile = "x' OR '1'='1'; DROP TABLE profiles; --";
    List<Term> terms = FilterValidator.validate(
        FilterParser.parse("equals(email," + FilterPrinter.quote(hostile) + "),any(id,[" + FilterPrinter.quote(hostile) + "])"),
        SpecTables.GET_PROFILES);
    SqlFragment fragment = SqlFilter.translate(terms, Map.of("email", "p.email", "id", "p.id"));
    assertThat(fragment.sql()).isEqualTo("p.email = ? AND p.id = ANY(?)");
    assertThat(fragment.params()).containsExactly(hostile, new String[] {hostile});
  }

  @Test
  void fromFilterTextToSql() {
    List<Term> terms = FilterValidator.validate(
        FilterParser.parse("equals(name,'Newsletter'),greater-than(created,\"2023-06-05T12:30:00+00:00\")"),
        SpecTables.GET_LISTS);
    SqlFragment fragment = SqlFilter.translate(terms, Map.of("name", "l.name", "created", "l.created"));
    assertThat(fragment.sql()).isEqualTo("l.name = ANY(?) AND l.created > ?");
    assertThat(fragment.params()).containsExactly(new String[] {"Newsletter"}, OffsetDateTime.parse("2023-06-05T12:30:00Z"));
  }

  @Test
  void aFieldWithoutAColumnIsAProgrammingError() {
    assertThatThrownBy(() -> SqlFilter.translate(List.of(single("nope", Operator.EQUALS, "x")), COLUMNS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
  }

  @Test
  void bindSetsScalarsAsObjectsAndArraysAsPostgresArrays() throws Exception {
    List<String> calls = new ArrayList<>();
    Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          calls.add(method.getName() + "(" + args[0] + ", " + Arrays.toString((Object[]) args[1]) + ")");
          return null;
        });
    PreparedStatement ps = (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {PreparedStatement.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getConnection" -> connection;
          default -> {
            calls.add(method.getName() + "(" + args[0] + ", " + args[1] + ")");
            yield null;
          }
        });
    OffsetDateTime t = OffsetDateTime.parse("2023-01-01T00:00:00Z");
    SqlFragment fragment = new SqlFragment("...", List.of("a", 5L, t, new String[] {"x", "y"}, new OffsetDateTime[] {t},
        new Long[] {1L}, new BigDecimal[] {BigDecimal.TEN}, new Boolean[] {true}));

    assertThat(fragment.bind(ps, 3)).isEqualTo(11);
    assertThat(calls).containsExactly(
        "setObject(3, a)", "setObject(4, 5)", "setObject(5, 2023-01-01T00:00Z)",
        "createArrayOf(text, [x, y])", "setArray(6, null)",
        "createArrayOf(timestamptz, [2023-01-01T00:00Z])", "setArray(7, null)",
        "createArrayOf(int8, [1])", "setArray(8, null)",
        "createArrayOf(numeric, [10])", "setArray(9, null)",
        "createArrayOf(bool, [true])", "setArray(10, null)");
  }
}
