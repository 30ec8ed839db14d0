package dev.openprofile.jsonapi.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.jsonapi.ApiError;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class FilterParserProperties {

  private static final Pattern POSITION = Pattern.compile("at position (\\d+)");

  @Provide
  Arbitrary<Filter> filters() {
    return FilterArbitraries.filters(3);
  }

  @Property(tries = 1000)
  void printedFiltersParseBackToTheSameTree(@ForAll("filters") Filter filter) {
    assertThat(FilterArbitraries.withoutPositions(FilterParser.parse(filter.toWire()))).isEqualTo(filter);
  }

  @Property(tries = 500)
  void whitespaceQuoteStyleAndTopLevelCommasDoNotChangeTheTree(@ForAll("filters") Filter filter, @ForAll long seed) {
    String loose = LoosePrinter.print(filter, new Random(seed));
    assertThat(FilterArbitraries.withoutPositions(FilterParser.parse(loose))).as(loose).isEqualTo(filter);
  }

  @Property(tries = 1000)
  void stringLiteralsRoundTripInBothQuoteStyles(@ForAll("unicode") String value) {
    assertThat(valueOf(FilterPrinter.quote(value))).isEqualTo(new StringLiteral(value));
    assertThat(valueOf(LoosePrinter.singleQuoted(value))).isEqualTo(new StringLiteral(value));
    assertThat(valueOf(escapeEverything(value))).isEqualTo(new StringLiteral(value));
  }

  @Provide
  Arbitrary<String> unicode() {
    return FilterArbitraries.strings();
  }

  @Property(tries = 1000)
  void anyInputEitherParsesOrFailsWithAFilterError(@ForAll("noise") String input) {
    try {
      assertThat(FilterParser.parse(input)).isNotNull();
    } catch (ApiError e) {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.source().parameter()).isEqualTo("filter");
      assertThat(e.detail()).startsWith("Invalid filter provided: ");
      Matcher m = POSITION.matcher(e.detail());
      if (m.find()) {
        assertThat(Integer.parseInt(m.group(1))).isBetween(0, input.length());
      }
    }
  }

  @Provide
  Arbitrary<String> noise() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.strings().withChars("equalsandhy-(),[]'\"\\ .:0123456789TZ+eE_$").ofMaxLength(60),
        mutated());
  }

  /** Valid filters with characters deleted, inserted or duplicated: errors deep inside otherwise good input. */
  private Arbitrary<String> mutated() {
    Arbitrary<Mutation> mutation = Combinators.combine(
            Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(0, 10_000),
            Arbitraries.of(FilterArbitraries.chars("(),[]'\"\\ -.:0aZ\u00e9\u0000")))
        .as(Mutation::new);
    return Combinators.combine(filters().map(Filter::toWire), mutation.list().ofMinSize(1).ofMaxSize(4))
        .as((text, mutations) -> {
          var out = new StringBuilder(text);
          for (Mutation mu : mutations) {
            mu.apply(out);
          }
          return out.toString();
        });
  }

  private record Mutation(int kind, int where, char c) {
    void apply(StringBuilder s) {
      int at = s.isEmpty() ? 0 : where % s.length();
      if (kind == 1) {
        s.insert(at, c);
      } else if (!s.isEmpty()) {
        if (kind == 0) {
          s.deleteCharAt(at);
        } else {
          s.insert(at, s.charAt(at)); // duplicate
        }
      }
    }
  }

  private static Literal valueOf(String literalText) {
    return ((Condition) FilterParser.parse("equals(f," + literalText + ")")).value();
  }

  /** Every character backslash-escaped, including those that need no escape: each stands for itself. */
  private static String escapeEverything(String value) {
    var out = new StringBuilder("\"");
    value.chars().forEach(c -> out.append('\\').append((char) c));
    return out.append('"').toString();
  }

}
