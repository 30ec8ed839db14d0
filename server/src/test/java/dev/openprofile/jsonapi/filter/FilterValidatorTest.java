package dev.openprofile.jsonapi.filter;

import static dev.openprofile.jsonapi.filter.SpecTables.GET_CAMPAIGNS;
import static dev.openprofile.jsonapi.filter.SpecTables.GET_EVENTS;
import static dev.openprofile.jsonapi.filter.SpecTables.GET_FLOWS;
import static dev.openprofile.jsonapi.filter.SpecTables.GET_LISTS;
import static dev.openprofile.jsonapi.filter.SpecTables.GET_PROFILES;
import static dev.openprofile.jsonapi.filter.SpecTables.GET_REVIEWS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Datetime;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterValidatorTest {

  private static List<Term> terms(String filter, Map<String, FieldRule> table) {
    return FilterValidator.validate(FilterParser.parse(filter), table);
  }

  private static Term term(String filter, Map<String, FieldRule> table) {
    List<Term> terms = terms(filter, table);
    assertThat(terms).hasSize(1);
    return terms.getFirst();
  }

  private static String rejection(String filter, Map<String, FieldRule> table) {
    try {
      terms(filter, table);
    } catch (ApiError e) {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.source()).isEqualTo(new ApiError.Source(null, "filter"));
      return e.detail();
    }
    throw new AssertionError("accepted: " + filter);
  }

  private static List<Object> values(Object... values) {
    return Arrays.asList(values);
  }

  @Test
  void aScalarForASingleOperatorIsOneValue() {
    assertThat(term("equals(email,\"sarah.mason@klaviyo-demo.com\")", GET_PROFILES))
        .isEqualTo(new Term("email", Operator.EQUALS, values("sarah.mason@klaviyo-demo.com"), false));
  }

  @Test
  void anArrayForAListOperatorIsAList() {
    assertThat(term("any(email,[\"a@x.com\",\"b@x.com\"])", GET_PROFILES))
        .isEqualTo(new Term("email", Operator.ANY, values("a@x.com", "b@x.com"), true));
    assertThat(term("equals(id,['01A','01B'])", GET_PROFILES))
        .isEqualTo(new Term("id", Operator.EQUALS, values("01A", "01B"), true));
  }

  @Test
  void aScalarForAListOnlyOperatorIsAOneElementList() {
    // get_lists lists equals on name only under "list"; semantics.md §5 gap decision: accept a scalar too.
    assertThat(term("equals(name,\"Newsletter\")", GET_LISTS))
        .isEqualTo(new Term("name", Operator.EQUALS, values("Newsletter"), true));
    assertThat(term("equals(name,['example'])", GET_LISTS))
        .isEqualTo(new Term("name", Operator.EQUALS, values("example"), true));
    assertThat(term("any(email,\"a@x.com\")", GET_PROFILES))
        .isEqualTo(new Term("email", Operator.ANY, values("a@x.com"), true));
  }

  @Test
  void anArrayForASingleOnlyOperatorIsRejected() {
    assertThat(rejection("equals(_kx,[\"a\",\"b\"])", GET_PROFILES))
        .isEqualTo("operator 'equals' takes a single value for field '_kx', not an array");
    assertThat(rejection("greater-than(created,[2023-01-01])", GET_PROFILES))
        .isEqualTo("operator 'greater-than' takes a single value for field 'created', not an array");
  }

  @Test
  void anUnknownFieldListsTheAllowedOnes() {
    assertThat(rejection("equals(foo,\"x\")", GET_LISTS))
        .isEqualTo("'foo' is not a valid field for the filter; allowed: created, id, name, updated");
    assertThat(rejection("equals(first_name,\"x\")", GET_PROFILES))
        .isEqualTo("'first_name' is not a valid field for the filter; allowed: _kx, created, email, external_id, id, "
            + "phone_number, subscriptions.email.marketing.list_suppressions.list_id, "
            + "subscriptions.email.marketing.list_suppressions.reason, "
            + "subscriptions.email.marketing.list_suppressions.timestamp, "
            + "subscriptions.email.marketing.suppression.reason, subscriptions.email.marketing.suppression.timestamp, "
            + "updated");
  }

  @Test
  void anEndpointWithoutATableTakesNoFilter() {
    assertThat(rejection("has(a)", Map.of())).isEqualTo("this endpoint does not support filtering");
  }

  @Test
  void anOperatorTheFieldDoesNotTakeNamesBoth() {
    assertThat(rejection("contains(email,\"x\")", GET_PROFILES))
        .isEqualTo("operator 'contains' is not allowed for field 'email'; allowed: any, equals");
    assertThat(rejection("less-than(created,2023-01-01)", GET_LISTS))
        .isEqualTo("operator 'less-than' is not allowed for field 'created'; allowed: greater-than");
    assertThat(rejection("has(email)", GET_PROFILES))
        .isEqualTo("operator 'has' is not allowed for field 'email'; allowed: any, equals");
  }

  @Test
  void datetimesMayBeUnquotedQuotedOrDates() {
    OffsetDateTime noon = OffsetDateTime.parse("2023-06-05T12:30:00Z");
    assertThat(term("greater-than(created,2023-06-05T12:30:00Z)", GET_PROFILES).values()).containsExactly(noon);
    assertThat(term("greater-than(created,\"2023-06-05T12:30:00+00:00\")", GET_PROFILES).values()).containsExactly(noon);
    assertThat(term("greater-than(created,'2023-06-05T08:30:00-04:00')", GET_PROFILES).values())
        .as("in UTC: PostgreSQL's offsets stop at 15:59").containsExactly(noon);
    assertThat(term("less-than(updated,\"2023-02-07\")", GET_PROFILES).values())
        .containsExactly(OffsetDateTime.parse("2023-02-07T00:00:00Z"));
    assertThat(term("less-than(datetime,2023-02-15)", GET_EVENTS).values())
        .containsExactly(OffsetDateTime.parse("2023-02-15T00:00:00Z"));
    assertThat(term("greater-than(created,\"2023-06-05 12:30:00\")", GET_PROFILES).values()).containsExactly(noon);
    assertThat(term("greater-than(created,2023-06-05 12:30:00)", GET_PROFILES).values()).containsExactly(noon);
    assertThat(term("greater-than(created,'2023-06-05T12:30:00.000000999Z')", GET_PROFILES).values())
        .as("compared at PostgreSQL's microseconds").containsExactly(noon);
    assertThat(term("greater-than(created,2023-06-05T18:19:00+05:49)", GET_PROFILES).values()).containsExactly(noon);
    assertThat(term("greater-than(created,2023-06-04T18:41:00-17:49)", GET_PROFILES).values()).containsExactly(noon);
  }

  @Test
  void aStringThatIsNoDatetimeIsRejectedForADatetimeField() {
    assertThat(rejection("greater-than(created,\"yesterday\")", GET_PROFILES))
        .isEqualTo("field 'created' expects a datetime, got a string \"yesterday\"; use " + Datetime.FORMS);
    assertThat(rejection("greater-than(created,\"2023-06-05T12:30:00+03\")", GET_PROFILES))
        .isEqualTo("field 'created' expects a datetime, got a string \"2023-06-05T12:30:00+03\"; use " + Datetime.FORMS);
    assertThat(rejection("greater-than(created,1685968200)", GET_PROFILES))
        .isEqualTo("field 'created' expects a datetime, got an integer 1685968200");
  }

  @Test
  void valuesOfTheWrongTypeNameFieldAndExpectedType() {
    assertThat(rejection("equals(email,5)", GET_PROFILES)).isEqualTo("field 'email' expects a string, got an integer 5");
    assertThat(rejection("equals(email,true)", GET_PROFILES)).isEqualTo("field 'email' expects a string, got a boolean true");
    assertThat(rejection("equals(email,2023-01-01)", GET_PROFILES))
        .isEqualTo("field 'email' expects a string, got a datetime 2023-01-01");
    assertThat(rejection("any(email,[\"a\",5])", GET_PROFILES)).isEqualTo("field 'email' expects a string, got an integer 5");
    assertThat(rejection("equals(archived,\"true\")", GET_CAMPAIGNS))
        .isEqualTo("field 'archived' expects a boolean, got a string \"true\"");
    assertThat(rejection("equals(rating,4.5)", GET_REVIEWS))
        .isEqualTo("field 'rating' expects an integer, got a decimal number 4.5");
    assertThat(rejection("greater-than(timestamp,\"1700000000\")", GET_EVENTS))
        .isEqualTo("field 'timestamp' expects a number, got a string \"1700000000\"");
  }

  @Test
  void numbersBecomeLongForIntegerFieldsAndBigDecimalForNumberFields() {
    assertThat(term("greater-or-equal(rating,4)", GET_REVIEWS).values()).containsExactly(4L);
    assertThat(term("any(rating,[4,5])", GET_REVIEWS)).isEqualTo(new Term("rating", Operator.ANY, values(4L, 5L), true));
    assertThat(term("greater-than(timestamp,1700000000)", GET_EVENTS).values()).containsExactly(new BigDecimal("1700000000"));
    assertThat(term("greater-than(timestamp,1.7e9)", GET_EVENTS).values()).containsExactly(new BigDecimal("1.7e9"));
  }

  @Test
  void numbersOutOfRangeAreRejected() {
    assertThat(rejection("equals(rating,9223372036854775808)", GET_REVIEWS))
        .isEqualTo("value 9223372036854775808 is out of range for field 'rating'");
    assertThat(term("equals(rating,-9223372036854775808)", GET_REVIEWS).values()).containsExactly(Long.MIN_VALUE);
    assertThat(rejection("greater-than(timestamp,1e5000)", GET_EVENTS))
        .isEqualTo("value 1E+5000 is out of range for field 'timestamp'");
    assertThat(rejection("greater-than(timestamp,1e2147483647)", GET_EVENTS))
        .isEqualTo("value 1E+2147483647 is out of range for field 'timestamp'");
  }

  @Test
  void booleans() {
    assertThat(term("equals(archived,false)", GET_CAMPAIGNS).values()).containsExactly(false);
  }

  @Test
  void enumValuesAreCheckedAndListedInSpecOrder() {
    assertThat(term("equals(messages.channel,'email')", GET_CAMPAIGNS).values()).containsExactly("email");
    assertThat(rejection("equals(messages.channel,'push')", GET_CAMPAIGNS))
        .isEqualTo("'push' is not a valid value for field 'messages.channel'; allowed: \"email\", \"sms\", \"mobile_push\"");
    assertThat(term("any(status,['Draft','Cancelled: Smart Sending'])", GET_CAMPAIGNS).values())
        .containsExactly("Draft", "Cancelled: Smart Sending");
    assertThat(rejection("any(status,['Draft','draft'])", GET_CAMPAIGNS))
        .startsWith("'draft' is not a valid value for field 'status'; allowed: \"Scheduled\", \"Sent\", \"Draft\",");
  }

  @Test
  void nullMeansIsNullAndOnlyWithEquals() {
    assertThat(term("equals(email,null)", GET_PROFILES)).isEqualTo(new Term("email", Operator.EQUALS, values((Object) null), false));
    assertThat(term("equals(email,null)", GET_PROFILES).isNullTest()).isTrue();
    assertThat(term("equals(name,null)", GET_LISTS).isNullTest()).as("even when equals is list-only").isTrue();
    assertThat(rejection("greater-than(created,null)", GET_PROFILES))
        .isEqualTo("null can only be used with 'equals', not 'greater-than' (field 'created')");
    assertThat(rejection("any(email,[\"a\",null])", GET_PROFILES)).isEqualTo("null is not allowed inside an array (field 'email')");
  }

  @Test
  void hasTakesNoValues() {
    assertThat(term("has(profile)", GET_EVENTS)).isEqualTo(new Term("profile", Operator.HAS, List.of(), false));
  }

  @Test
  void textOperators() {
    assertThat(terms("contains(name,\"Welcome\"),starts-with(name,'W'),ends-with(name,'e')", GET_FLOWS)).containsExactly(
        new Term("name", Operator.CONTAINS, values("Welcome"), false),
        new Term("name", Operator.STARTS_WITH, values("W"), false),
        new Term("name", Operator.ENDS_WITH, values("e"), false));
  }

  @Test
  void andsFlattenInWrittenOrder() {
    assertThat(terms("and(equals(metric_id,\"m\"),and(has(profile),greater-than(datetime,2023-01-01))),has(metric)", GET_EVENTS))
        .extracting(Term::field)
        .containsExactly("metric_id", "profile", "datetime", "metric");
  }

  @Test
  void theFirstBadConditionIsReported() {
    assertThat(rejection("equals(email,\"a\"),equals(bogus,1),contains(email,\"x\")", GET_PROFILES))
        .startsWith("'bogus' is not a valid field");
  }

  @Test
  void aHugeFieldNameIsCutShortInTheMessage() {
    assertThat(rejection("has(" + "x".repeat(500) + ")", GET_EVENTS))
        .isEqualTo("'" + "x".repeat(40) + "...' is not a valid field for the filter; allowed: datetime, metric, metric_id, "
            + "profile, profile_id, timestamp");
  }
}
