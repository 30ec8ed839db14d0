package dev.openprofile.jsonapi.filter;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Generators of filter ASTs for the property tests; every Condition has position 0. */
final class FilterArbitraries {

  private static final String FIELD_START = "abcxyzABCXYZ_$";
  private static final String FIELD_REST = FIELD_START + "0189-.";

  private FilterArbitraries() {}

  static Arbitrary<Filter> filters(int depth) {
    if (depth == 0) {
      return conditions().map(c -> (Filter) c);
    }
    Arbitrary<Filter> and = filters(depth - 1).list().ofMinSize(1).ofMaxSize(4).map(And::new);
    return Arbitraries.frequencyOf(
        Tuple.of(3, conditions().map(c -> (Filter) c)),
        Tuple.of(1, and));
  }

  static Arbitrary<Condition> conditions() {
    return Combinators.combine(Arbitraries.of(Operator.class), fields(), literals())
        .as((op, field, value) -> new Condition(op, field, op.takesValue() ? value : null, 0));
  }

  static Arbitrary<String> fields() {
    return Combinators.combine(
            Arbitraries.of(chars(FIELD_START)),
            Arbitraries.strings().withChars(FIELD_REST).ofMaxLength(12))
        .as((first, rest) -> first + rest);
  }

  static Arbitrary<Literal> literals() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, scalars()),
        Tuple.of(1, scalars().list().ofMinSize(1).ofMaxSize(4).map(ArrayLiteral::new)));
  }

  static Arbitrary<Literal> scalars() {
    return Arbitraries.oneOf(
        strings().map(StringLiteral::new),
        Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)).map(IntegerLiteral::new),
        Combinators.combine(
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(20).negate(), BigInteger.TEN.pow(20)),
                Arbitraries.integers().between(-20, 20))
            .as((unscaled, scale) -> (Literal) new DecimalLiteral(new BigDecimal(unscaled, scale))),
        Arbitraries.of(true, false).map(BooleanLiteral::new),
        Arbitraries.just(new NullLiteral()),
        dateTimes(),
        Arbitraries.longs().between(LocalDate.of(0, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay())
            .map(day -> DateTimeLiteral.of(LocalDate.ofEpochDay(day))));
  }

  /** Unicode text, weighted towards the characters that matter to the grammar. */
  static Arbitrary<String> strings() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(20),
        Arbitraries.strings().withChars("'\"\\,()[] aZ0-:").ofMaxLength(20));
  }

  static Arbitrary<Literal> dateTimes() {
    long min = LocalDateTime.of(0, 1, 2, 0, 0).toEpochSecond(ZoneOffset.UTC);
    long max = LocalDateTime.of(9999, 12, 30, 0, 0).toEpochSecond(ZoneOffset.UTC);
    Arbitrary<Integer> nanos = Arbitraries.oneOf(
        Arbitraries.just(0),
        Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
        Arbitraries.integers().between(0, 999_999_999));
    Arbitrary<ZoneOffset> offsets = Arbitraries.oneOf(
        Arbitraries.just(ZoneOffset.UTC),
        Arbitraries.integers().between(-18 * 60, 18 * 60).map(m -> ZoneOffset.ofTotalSeconds(m * 60)));
    return Combinators.combine(Arbitraries.longs().between(min, max), nanos, offsets)
        .as((seconds, nano, offset) -> (Literal) DateTimeLiteral.of(
            LocalDateTime.ofEpochSecond(seconds, nano, ZoneOffset.UTC).atOffset(offset)));
  }

  /** The same tree with every Condition's position set to 0, to compare parsed trees with generated ones. */
  static Filter withoutPositions(Filter filter) {
    return switch (filter) {
      case And and -> new And(and.terms().stream().map(FilterArbitraries::withoutPositions).toList());
      case Condition c -> new Condition(c.operator(), c.field(), c.value(), 0);
    };
  }

  static List<Character> chars(String s) {
    return s.chars().mapToObj(c -> (char) c).toList();
  }
}
