package dev.openprofile.jsonapi.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Datetime;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class FilterParserTest {

  private static Literal valueOf(String literalText) {
    return ((Condition) FilterParser.parse("equals(f," + literalText + ")")).value();
  }

  @ParameterizedTest
  @EnumSource(value = Operator.class, names = "HAS", mode = EnumSource.Mode.EXCLUDE)
  void everyOperatorWithAValueParsesByItsWireName(Operator op) {
    assertThat(FilterParser.parse(op.wire() + "(name,\"x\")"))
        .isEqualTo(new Condition(op, "name", new StringLiteral("x"), 0));
  }

  @Test
  void hasTakesOnlyAField() {
    assertThat(FilterParser.parse("has(profile)")).isEqualTo(new Condition(Operator.HAS, "profile", null, 0));
  }

  @Test
  void andCombinesConditionsAndRecordsEachOperatorPosition() {
    assertThat(FilterParser.parse("and(equals(a,1),has(b))")).isEqualTo(new And(List.of(
        new Condition(Operator.EQUALS, "a", IntegerLiteral.of(1), 4),
        new Condition(Operator.HAS, "b", null, 16))));
  }

  @Test
  void andNests() {
    assertThat(FilterParser.parse("and(has(a),and(has(b),and(has(c))))")).isEqualTo(new And(List.of(
        new Condition(Operator.HAS, "a", null, 4),
        new And(List.of(
            new Condition(Operator.HAS, "b", null, 15),
            new And(List.of(new Condition(Operator.HAS, "c", null, 26))))))));
  }

  @Test
  void topLevelCommasMeanAndAsInKlaviyosOwnExample() {
    assertThat(FilterParser.parse(
        "equals(metric_id,\"UxxK4u\"),greater-or-equal(datetime,2023-02-07),less-than(datetime,2023-02-15)"))
        .isEqualTo(new And(List.of(
            new Condition(Operator.EQUALS, "metric_id", new StringLiteral("UxxK4u"), 0),
            new Condition(Operator.GREATER_OR_EQUAL, "datetime", DateTimeLiteral.of(LocalDate.of(2023, 2, 7)), 27),
            new Condition(Operator.LESS_THAN, "datetime", DateTimeLiteral.of(LocalDate.of(2023, 2, 15)), 65))));
  }

  @Test
  void aSingleExpressionIsNotWrappedInAnd() {
    assertThat(FilterParser.parse("equals(a,1)")).isInstanceOf(Condition.class);
  }

  @Test
  void whitespaceAroundEveryTokenIsIgnored() {
    assertThat(FilterParser.parse(" \tand ( equals ( email , \"a\" ) ,\r\n has( profile ) ) , any(id,[ 1 , 2 ])  "))
        .isEqualTo(new And(List.of(
            new And(List.of(
                new Condition(Operator.EQUALS, "email", new StringLiteral("a"), 8),
                new Condition(Operator.HAS, "profile", null, 35))),
            new Condition(Operator.ANY, "id", new ArrayLiteral(List.of(IntegerLiteral.of(1), IntegerLiteral.of(2))), 54))));
  }

  @Test
  void fieldNamesMayHaveDotsDashesUnderscoresDollarsAndDigits() {
    for (String field : List.of("subscriptions.email.marketing.suppression.reason", "_kx", "$value",
        "messages.channel", "integration.name", "a-b", "field2")) {
      assertThat(((Condition) FilterParser.parse("has(" + field + ")")).field()).isEqualTo(field);
    }
  }

  @Test
  void stringsTakeEitherQuote() {
    assertThat(valueOf("\"sarah.mason@klaviyo-demo.com\"")).isEqualTo(new StringLiteral("sarah.mason@klaviyo-demo.com"));
    assertThat(valueOf("'marketing'")).isEqualTo(new StringLiteral("marketing"));
    assertThat(valueOf("''")).isEqualTo(new StringLiteral(""));
  }

  @Test
  void backslashEscapesInBothQuoteStyles() {
    assertThat(valueOf("'Tony\\'s ball'")).isEqualTo(new StringLiteral("Tony's ball"));
    assertThat(valueOf("\"say \\\"hi\\\"\"")).isEqualTo(new StringLiteral("say \"hi\""));
    assertThat(valueOf("'back\\\\slash'")).isEqualTo(new StringLiteral("back\\slash"));
    assertThat(valueOf("\"back\\\\slash\"")).isEqualTo(new StringLiteral("back\\slash"));
    assertThat(valueOf("'\\q\\n'")).as("any other escaped char stands for itself").isEqualTo(new StringLiteral("qn"));
  }

  @Test
  void theOtherQuoteNeedsNoEscapeAndDelimitersInsideStringsAreText() {
    assertThat(valueOf("\"Tony's\"")).isEqualTo(new StringLiteral("Tony's"));
    assertThat(valueOf("'say \"hi\"'")).isEqualTo(new StringLiteral("say \"hi\""));
    assertThat(valueOf("\"a,b) [c] and(d)\"")).isEqualTo(new StringLiteral("a,b) [c] and(d)"));
    assertThat(valueOf("\"héllo ✓ 😀\"")).isEqualTo(new StringLiteral("héllo ✓ 😀"));
  }

  @Test
  void integersOfAnySize() {
    assertThat(valueOf("42")).isEqualTo(IntegerLiteral.of(42));
    assertThat(valueOf("-7")).isEqualTo(IntegerLiteral.of(-7));
    assertThat(valueOf("0")).isEqualTo(IntegerLiteral.of(0));
    assertThat(valueOf("123456789012345678901234567890"))
        .isEqualTo(new IntegerLiteral(new BigInteger("123456789012345678901234567890")));
  }

  @Test
  void decimalsKeepTheirScale() {
    assertThat(valueOf("1.50")).isEqualTo(new DecimalLiteral(new BigDecimal("1.50")));
    assertThat(valueOf("-0.5")).isEqualTo(new DecimalLiteral(new BigDecimal("-0.5")));
    assertThat(valueOf("6.02e23")).isEqualTo(new DecimalLiteral(new BigDecimal("6.02e23")));
    assertThat(valueOf("1E-7")).isEqualTo(new DecimalLiteral(new BigDecimal("1E-7")));
    assertThat(valueOf("-2e+3")).isEqualTo(new DecimalLiteral(new BigDecimal("-2e+3")));
  }

  @Test
  void booleansAndNull() {
    assertThat(valueOf("true")).isEqualTo(new BooleanLiteral(true));
    assertThat(valueOf("false")).isEqualTo(new BooleanLiteral(false));
    assertThat(valueOf("null")).isEqualTo(new NullLiteral());
  }

  @Test
  void datetimesWithUtcOffsetsAndFractions() {
    assertThat(valueOf("2023-03-01T00:00:00Z")).isEqualTo(DateTimeLiteral.of(OffsetDateTime.parse("2023-03-01T00:00:00Z")));
    assertThat(valueOf("2012-04-21T11:30:00-04:00")).isEqualTo(DateTimeLiteral.of(OffsetDateTime.parse("2012-04-21T11:30:00-04:00")));
    assertThat(valueOf("2023-06-05T12:30:00+00:00")).isEqualTo(DateTimeLiteral.of(OffsetDateTime.parse("2023-06-05T12:30:00Z")));
    assertThat(valueOf("2023-06-05T12:30:00.123456789+05:30"))
        .isEqualTo(DateTimeLiteral.of(OffsetDateTime.parse("2023-06-05T12:30:00.123456789+05:30")));
    assertThat(valueOf("2023-06-05T12:30:00.5Z")).isEqualTo(DateTimeLiteral.of(OffsetDateTime.parse("2023-06-05T12:30:00.500Z")));
    assertThat(valueOf("2023-06-05t12:30:00z")).as("RFC 3339 allows lower case T and Z")
        .isEqualTo(DateTimeLiteral.of(OffsetDateTime.parse("2023-06-05T12:30:00Z")));
  }

  @Test
  void klaviyosOtherFormsUnquoted() {
    OffsetDateTime noon = OffsetDateTime.parse("2024-11-01T12:30:00Z");
    assertThat(valueOf("2024-11-01T12:30:00")).as("no offset: UTC").isEqualTo(DateTimeLiteral.of(noon));
    assertThat(valueOf("2024-11-01 12:30:00Z")).as("a space for the T").isEqualTo(DateTimeLiteral.of(noon));
    assertThat(valueOf("2024-11-01 12:30:00.710")).isEqualTo(DateTimeLiteral.of(noon.plusNanos(710_000_000)));
    assertThat(valueOf("2024-11-01T12:30:00+0300")).isEqualTo(DateTimeLiteral.of(OffsetDateTime.parse("2024-11-01T12:30:00+03:00")));
    assertThat(FilterArbitraries.withoutPositions(
        FilterParser.parse("and(greater-than(datetime,2024-11-01 12:30:00),less-than(datetime, 2024-11-02 00:00:00Z ))")))
        .isEqualTo(FilterArbitraries.withoutPositions(FilterParser.parse("and(greater-than(datetime,2024-11-01T12:30:00Z),less-than(datetime,2024-11-02T00:00:00Z))")));
  }

  @Test
  void aDateMeansMidnightUtc() {
    assertThat(valueOf("2023-02-07"))
        .isEqualTo(new DateTimeLiteral(OffsetDateTime.parse("2023-02-07T00:00:00Z"), true));
  }

  @Test
  void aQuotedDatetimeStaysAStringForTheValidatorToConvert() {
    assertThat(valueOf("\"2023-06-05T12:30:00+00:00\"")).isEqualTo(new StringLiteral("2023-06-05T12:30:00+00:00"));
  }

  @Test
  void arraysOfAnyScalars() {
    assertThat(valueOf("[\"a@x.com\",'b@x.com']"))
        .isEqualTo(new ArrayLiteral(List.of(new StringLiteral("a@x.com"), new StringLiteral("b@x.com"))));
    assertThat(valueOf("[1, 2.5, true, null, 2023-01-01]")).isEqualTo(new ArrayLiteral(List.of(
        IntegerLiteral.of(1), new DecimalLiteral(new BigDecimal("2.5")), new BooleanLiteral(true), new NullLiteral(),
        DateTimeLiteral.of(LocalDate.of(2023, 1, 1)))));
    assertThat(valueOf("['example']")).isEqualTo(new ArrayLiteral(List.of(new StringLiteral("example"))));
  }

  @Test
  void printsCanonically() {
    assertThat(FilterParser.parse(" equals( email , 'a\"b' ) , any(id,[ 1 ,2.50,1E+3 ]) , has(profile)").toWire())
        .isEqualTo("and(equals(email,\"a\\\"b\"),any(id,[1,2.50,1E+3]),has(profile))");
    assertThat(FilterParser.parse("greater-than(created,2012-04-21T11:30:00.120-04:00),less-than(created,2023-02-07)").toWire())
        .isEqualTo("and(greater-than(created,2012-04-21T11:30:00.12-04:00),less-than(created,2023-02-07))");
  }

  static Stream<Arguments> badFilters() {
    String deep = "and(".repeat(33) + "has(a)" + ")".repeat(33);
    return Stream.of(
        Arguments.of("", "the filter is empty"),
        Arguments.of("  \t", "the filter is empty"),
        Arguments.of("equalz(email,\"a\")", "unknown operator 'equalz' at position 0"),
        Arguments.of("has(a),Equals(b,1)", "unknown operator 'Equals' at position 7"),
        Arguments.of("x".repeat(50) + "(a,1)", "unknown operator '" + "x".repeat(40) + "...' at position 0"),
        Arguments.of("or(equals(a,1),equals(b,2))",
            "'or' is not supported at position 0: conditions can only be combined with and(...) or commas"),
        Arguments.of("and(has(a), not(has(b)))",
            "'not' is not supported at position 12: conditions can only be combined with and(...) or commas"),
        Arguments.of("equals(email,me@test.com)",
            "unquoted value 'me@test.com' at position 13: strings must be quoted, e.g. \"me@test.com\""),
        Arguments.of("equals(a,\u0663)", "unquoted value '\u0663' at position 9: strings must be quoted, e.g. \"\u0663\""),
        Arguments.of("equals(a,True)", "unquoted value 'True' at position 9: strings must be quoted, e.g. \"True\""),
        Arguments.of("equals(email,\"abc", "unterminated string starting at position 13"),
        Arguments.of("equals(email,'abc\\')", "unterminated string starting at position 13"),
        Arguments.of("equals(email,\"abc\\", "unterminated string starting at position 13"),
        Arguments.of("and(equals(a,1) equals(b,2))", "expected ',' or ')' at position 16"),
        Arguments.of("and(equals(a,1)", "expected ',' or ')' at position 15 (end of filter)"),
        Arguments.of("equals(a,1)x", "expected ',' or end of filter at position 11"),
        Arguments.of("equals(a,\"x\")\"", "expected ',' or end of filter at position 13"),
        Arguments.of("equals(a,1),", "expected an operator such as equals(...) at position 12 (end of filter)"),
        Arguments.of("(equals(a,1))", "expected an operator such as equals(...) at position 0"),
        Arguments.of("and()", "empty and() at position 0: and(...) needs at least one condition"),
        Arguments.of(deep, "and(...) nested more than 32 levels deep at position 128"),
        Arguments.of("equals a,1)", "expected '(' after 'equals' at position 7"),
        Arguments.of("equals(,1)", "expected a field name at position 7"),
        Arguments.of("equals(1a,1)", "expected a field name at position 7"),
        Arguments.of("equals(\"email\",1)", "expected a field name at position 7"),
        Arguments.of("equals(em@il,1)", "expected ',' at position 9"),
        Arguments.of("equals(a)", "'equals' needs a value at position 8: write equals(field,value)"),
        Arguments.of("has(profile,true)", "'has' takes no value at position 11: write has(field)"),
        Arguments.of("equals(a,)", "expected a value at position 9"),
        Arguments.of("equals(a,", "expected a value at position 9 (end of filter)"),
        Arguments.of("equals(a,1", "expected ')' at position 10 (end of filter)"),
        Arguments.of("equals(a,\"x\" \"y\")", "expected ')' at position 13"),
        Arguments.of("equals(a,[])", "empty array at position 9: an array needs at least one value"),
        Arguments.of("any(a,[ ])", "empty array at position 6: an array needs at least one value"),
        Arguments.of("any(a,[[1]])",
            "nested array at position 7: array items must be strings, numbers, booleans, datetimes or null"),
        Arguments.of("any(a,[1,])", "expected a value at position 9"),
        Arguments.of("any(a,[1 2])", "expected ',' or ']' at position 9"),
        Arguments.of("any(a,[1", "expected ',' or ']' at position 8 (end of filter)"),
        Arguments.of("equals(a,2023-13-01)", "invalid datetime '2023-13-01' at position 9: use " + Datetime.FORMS),
        Arguments.of("equals(a,2023-02-30)", "invalid datetime '2023-02-30' at position 9: use " + Datetime.FORMS),
        Arguments.of("equals(a,2023-03-01T24:00:00Z)", "invalid datetime '2023-03-01T24:00:00Z' at position 9: use " + Datetime.FORMS),
        Arguments.of("equals(a,2023-03-01T00:00:00+3)", "invalid datetime '2023-03-01T00:00:00+3' at position 9: use " + Datetime.FORMS),
        Arguments.of("equals(a,2023-03-01 00:00:00+3)", "invalid datetime '2023-03-01 00:00:00+3' at position 9: use " + Datetime.FORMS),
        Arguments.of("equals(a,2023-03-01T00:00:00Zjunk)", "invalid datetime '2023-03-01T00:00:00Zjunk' at position 9: use "
            + Datetime.FORMS),
        Arguments.of("equals(a,12023-03-01)", "invalid datetime '12023-03-01' at position 9: use " + Datetime.FORMS),
        Arguments.of("equals(a,2023-03-01 x)", "expected ')' at position 20"),
        Arguments.of("equals(a,1.2.3)", "invalid number '1.2.3' at position 9"),
        Arguments.of("equals(a,.5)", "invalid number '.5' at position 9"),
        Arguments.of("equals(a,5.)", "invalid number '5.' at position 9"),
        Arguments.of("equals(a,+5)", "invalid number '+5' at position 9"),
        Arguments.of("equals(a,12abc)", "invalid number '12abc' at position 9"),
        Arguments.of("equals(a,1e99999999999)", "number '1e99999999999' is out of range at position 9"),
        Arguments.of("equals(a," + "9".repeat(101) + ")", "number '" + "9".repeat(40) + "...' is too long at position 9"));
  }

  @ParameterizedTest
  @MethodSource("badFilters")
  void syntaxErrorsSayWhatAndWhere(String filter, String detail) {
    assertThatThrownBy(() -> FilterParser.parse(filter))
        .isInstanceOfSatisfying(ApiError.class, e -> {
          assertThat(e.detail()).isEqualTo("Invalid filter provided: " + detail);
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.code()).isEqualTo("invalid");
          assertThat(e.title()).isEqualTo("Invalid input.");
          assertThat(e.source()).isEqualTo(new ApiError.Source(null, "filter"));
        });
  }

  @Test
  void nestingUpToTheLimitIsFine() {
    String deepest = "and(".repeat(32) + "has(a)" + ")".repeat(32);
    assertThat(FilterParser.parse(deepest)).isInstanceOf(And.class);
  }
}
