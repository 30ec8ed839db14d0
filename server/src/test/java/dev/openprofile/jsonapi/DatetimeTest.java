package dev.openprofile.jsonapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DatetimeTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            // Klaviyo's Datetimes guide, every form it lists
            "2018-12-27                    | 2018-12-27T00:00:00Z",
            "2018-12-27T12:30:00           | 2018-12-27T12:30:00Z",
            "2018-12-27T12:30:00Z          | 2018-12-27T12:30:00Z",
            "2018-12-27T12:30:00.710       | 2018-12-27T12:30:00.710Z",
            "2018-12-27T12:30:00.710Z      | 2018-12-27T12:30:00.710Z",
            "2018-12-27T12:30:00+03:00     | 2018-12-27T09:30:00Z",
            "2023-08-15 12:30:00Z          | 2023-08-15T12:30:00Z",
            "2023-08-15 12:30:00           | 2023-08-15T12:30:00Z",
            // fractions of 1 to 9 digits, kept exactly
            "2023-08-15T12:30:00.5Z        | 2023-08-15T12:30:00.500Z",
            "2023-08-15T12:30:00.123456Z   | 2023-08-15T12:30:00.123456Z",
            "2023-08-15T12:30:00.1234567Z  | 2023-08-15T12:30:00.123456700Z",
            "2023-08-15T12:30:00.123456789-01:00 | 2023-08-15T13:30:00.123456789Z",
            // offsets: lower case, negative zero, half hours, no colon (Python's %z), the extremes
            "2023-08-15t12:30:00z          | 2023-08-15T12:30:00Z",
            "2023-08-15T12:30:00-00:00     | 2023-08-15T12:30:00Z",
            "2023-08-15T12:30:00+05:30     | 2023-08-15T07:00:00Z",
            "2023-08-15T12:30:00+0300      | 2023-08-15T09:30:00Z",
            "2023-08-15T12:30:00-18:00     | 2023-08-16T06:30:00Z",
            "2023-08-15T12:30:00+18:00     | 2023-08-14T18:30:00Z",
            // no seconds; calendar edges
            "2023-08-15T12:30              | 2023-08-15T12:30:00Z",
            "2023-08-15 12:30+02:00        | 2023-08-15T10:30:00Z",
            "2024-02-29T23:59:59.999999Z   | 2024-02-29T23:59:59.999999Z",
            "2000-02-29                    | 2000-02-29T00:00:00Z",
            "2023-12-31T23:30:00-01:00     | 2024-01-01T00:30:00Z",
            "0000-01-01T00:00:00Z          | 0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z          | 9999-12-31T23:59:59Z",
    })
    void everyFormIsTheInstantItMeans(String text, String instant) {
        assertThat(Datetime.parse(text)).get().extracting(Datetime::instant).isEqualTo(Instant.parse(instant));
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {
            "", "2023", "2023-08", "23-08-15", "12023-08-15", "2023-8-15", "2023-08-5",
            "2023-13-01", "2023-00-10", "2023-02-29", "2100-02-29", "2023-04-31", "2023-08-00",
            "2023-08-15T24:00:00Z", "2023-08-15T12:60:00Z", "2023-08-15T12:30:61Z",
            "2023-12-31T23:59:60Z", // leap second: refused (docs: readers disagree on what it means)
            "2023-08-15T12:30:00.Z", "2023-08-15T12:30:00.1234567890Z", "2023-08-15T12:30:00,5Z",
            "2023-08-15T12:30:00+03", "2023-08-15T12:30:00+3:00", "2023-08-15T12:30:00+03:60",
            "2023-08-15T12:30:00+18:01", "2023-08-15T12:30:00+19:00", "2023-08-15T12:30:00+03:00:00",
            "2023-08-15T12Z", "2023-08-15T1:30:00Z", "2023-08-15T12:30:0Z",
            "2023-08-15  12:30:00Z", "2023-08-15_12:30:00Z", "2023-08-15X12:30:00Z",
            " 2023-08-15", "2023-08-15 ", "2023-08-15T12:30:00Zjunk", "2023-08-15T12:30:00Z ",
            "2023-08-15T12:30:00ZZ", "2023-08-15T12:30:00 Z", "yesterday", "1692102600",
            "２０２３-08-15", "2023-08-15T12:30:00UTC", "2023-08-15T12:30:00+03:00[Europe/Moscow]",
    })
    void malformedValuesAreRefused(String text) {
        assertThat(Datetime.parse(text)).isEmpty();
    }

    @Test
    void aValueRemembersWhatWasWritten() {
        Datetime date = Datetime.parse("2024-03-10").orElseThrow();
        assertThat(date.dateOnly()).isTrue();
        assertThat(date.offset()).isNull();
        Datetime local = Datetime.parse("2024-03-10T02:30:00").orElseThrow();
        assertThat(local.dateOnly()).isFalse();
        assertThat(local.offset()).isNull();
        Datetime offset = Datetime.parse("2024-03-10T02:30:00+0530").orElseThrow();
        assertThat(offset.asWritten()).hasToString("2024-03-10T02:30+05:30");
        assertThat(offset.utc()).hasToString("2024-03-09T21:00Z");
    }

    @Test
    void offsetLessValuesCanBeReadInAZone() {
        ZoneId newYork = ZoneId.of("America/New_York");
        assertThat(Datetime.parse("2024-01-05").orElseThrow().instantIn(newYork)).isEqualTo(Instant.parse("2024-01-05T05:00:00Z"));
        assertThat(Datetime.parse("2024-01-05T10:00:00").orElseThrow().instantIn(newYork)).isEqualTo(Instant.parse("2024-01-05T15:00:00Z"));
        assertThat(Datetime.parse("2024-01-05T10:00:00Z").orElseThrow().instantIn(newYork)).isEqualTo(Instant.parse("2024-01-05T10:00:00Z"));
    }

    @Test
    void aBodyMemberThatIsNoDatetimeIsA400AtItsPointer() {
        assertThat(Datetime.of(TextNode.valueOf("2024-01-05 10:00:00"), "/data/attributes/time", "time").instant())
                .isEqualTo(Instant.parse("2024-01-05T10:00:00Z"));
        assertThatThrownBy(() -> Datetime.of(TextNode.valueOf("05/01/2024"), "/data/attributes/time", "time"))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.source().pointer()).isEqualTo("/data/attributes/time");
                    assertThat(e.detail()).startsWith("'time' must be a datetime, not '05/01/2024': a date (2023-03-01")
                            .contains("2023-03-01 12:30:00.710");
                });
        assertThatThrownBy(() -> Datetime.of(IntNode.valueOf(5), "/x", "at"))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.detail()).startsWith("'at' must be a datetime: a date"));
        assertThatThrownBy(() -> Datetime.of(TextNode.valueOf("9".repeat(100)), "/x", "at"))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.detail()).contains("'" + "9".repeat(40) + "...'"));
    }
}
