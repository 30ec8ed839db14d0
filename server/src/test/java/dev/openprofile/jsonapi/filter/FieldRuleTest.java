package dev.openprofile.jsonapi.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FieldRuleTest {

  @Test
  void readsTheThreeOperatorGroupsTypeAndEnum() {
    FieldRule status = SpecTables.GET_CAMPAIGNS.get("status");
    assertThat(status.single()).containsExactly(Operator.EQUALS);
    assertThat(status.list()).containsExactlyInAnyOrder(Operator.ANY, Operator.EQUALS);
    assertThat(status.none()).isEmpty();
    assertThat(status.type()).isEqualTo(ValueType.STRING);
    assertThat(status.enumValues()).startsWith("Scheduled", "Sent", "Draft").hasSize(18);
    assertThat(status.operators()).containsExactlyInAnyOrder(Operator.ANY, Operator.EQUALS);
  }

  @Test
  void mapsEverySpecValueShape() {
    assertThat(SpecTables.GET_PROFILES.get("email").type()).isEqualTo(ValueType.STRING);
    assertThat(SpecTables.GET_PROFILES.get("created").type()).isEqualTo(ValueType.DATETIME);
    assertThat(SpecTables.GET_EVENTS.get("timestamp").type()).isEqualTo(ValueType.NUMBER);
    assertThat(SpecTables.GET_REVIEWS.get("rating").type()).isEqualTo(ValueType.INTEGER);
    assertThat(SpecTables.GET_CAMPAIGNS.get("archived").type()).isEqualTo(ValueType.BOOLEAN);
    FieldRule profile = SpecTables.GET_EVENTS.get("profile");
    assertThat(profile.type()).isEqualTo(ValueType.NONE);
    assertThat(profile.none()).containsExactly(Operator.HAS);
  }

  @Test
  void keepsSpecFieldOrder() {
    assertThat(SpecTables.GET_LISTS.keySet()).containsExactly("name", "id", "created", "updated");
  }

  @Test
  void refusesWhatItDoesNotUnderstand() {
    assertThatThrownBy(() -> SpecTables.table("{\"f\": {\"operators\": {\"single\": [\"like\"]}, \"value\": {\"type\": \"string\"}}}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("like");
    assertThatThrownBy(() -> SpecTables.table("{\"f\": {\"operators\": {\"many\": [\"equals\"]}, \"value\": {\"type\": \"string\"}}}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("operator group");
    assertThatThrownBy(() -> SpecTables.table("{\"f\": {\"operators\": {\"single\": [\"equals\"]}, \"value\": {\"type\": \"array\"}}}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported filter value type");
    assertThatThrownBy(() -> SpecTables.table("{\"f\": {\"operators\": {\"single\": [\"equals\"]}, \"value\": {\"type\": \"string\", \"format\": \"date\"}}}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported filter value type");
    assertThatThrownBy(() -> SpecTables.table("{\"f\": {\"value\": {\"type\": \"string\"}}}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without operators");
  }

  @Test
  void refusesCombinationsNothingCanExecute() {
    Set<Operator> none = Set.of();
    assertThatThrownBy(() -> new FieldRule(EnumSet.of(Operator.CONTAINS), none, none, ValueType.NUMBER, Set.of()))
        .hasMessageContaining("substring operators need a string field");
    assertThatThrownBy(() -> new FieldRule(none, EnumSet.of(Operator.GREATER_THAN), none, ValueType.NUMBER, Set.of()))
        .hasMessageContaining("unsupported list operators");
    assertThatThrownBy(() -> new FieldRule(EnumSet.of(Operator.HAS), none, none, ValueType.STRING, Set.of()))
        .hasMessageContaining("'has' and only 'has'");
    assertThatThrownBy(() -> new FieldRule(none, none, EnumSet.of(Operator.HAS), ValueType.STRING, Set.of()))
        .hasMessageContaining("no value exactly when");
    assertThatThrownBy(() -> new FieldRule(none, none, none, ValueType.STRING, Set.of()))
        .hasMessageContaining("at least one operator");
    assertThatThrownBy(() -> new FieldRule(EnumSet.of(Operator.EQUALS), none, none, ValueType.INTEGER, Set.of("1")))
        .hasMessageContaining("enum on a non-string field");
  }
}
