package dev.openprofile.jsonapi.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one endpoint allows on one filter field: the {@code x-klaviyo-filters} entry of the spec.
 * Operators come in three groups: {@code single} take a scalar, {@code list} an array literal,
 * {@code none} no value ({@code has}).
 *
 * <p>The constructor refuses combinations nothing downstream can execute (a substring operator on a
 * number, a comparison on a list), so a spec change that needs new code fails at startup, not at
 * request time.
 *
 * @param enumValues allowed string values in spec order; empty when any value goes
 */
public record FieldRule(Set<Operator> single, Set<Operator> list, Set<Operator> none, ValueType type, Set<String> enumValues) {

  /** Operators whose value can be a set of alternatives. */
  private static final Set<Operator> LIST_CAPABLE =
      EnumSet.of(Operator.EQUALS, Operator.ANY, Operator.CONTAINS_ANY, Operator.CONTAINS_ALL);

  public FieldRule {
    single = frozen(single);
    list = frozen(list);
    none = frozen(none);
    enumValues = Collections.unmodifiableSet(new LinkedHashSet<>(enumValues));
    if (single.isEmpty() && list.isEmpty() && none.isEmpty()) {
      throw new IllegalArgumentException("a filter field needs at least one operator");
    }
    if (single.contains(Operator.HAS) || list.contains(Operator.HAS) || !Set.of(Operator.HAS).containsAll(none)) {
      throw new IllegalArgumentException("'has' and only 'has' goes under none");
    }
    if ((type == ValueType.NONE) != (single.isEmpty() && list.isEmpty())) {
      throw new IllegalArgumentException("a field takes no value exactly when it has only 'has'");
    }
    if (!LIST_CAPABLE.containsAll(list)) {
      throw new IllegalArgumentException("unsupported list operators: " + list);
    }
    if (type != ValueType.STRING && (single.stream().anyMatch(Operator::isTextSearch) || list.stream().anyMatch(Operator::isTextSearch))) {
      throw new IllegalArgumentException("substring operators need a string field, not " + type);
    }
    if (!enumValues.isEmpty() && type != ValueType.STRING) {
      throw new IllegalArgumentException("enum on a non-string field");
    }
  }

  /** Every operator the field takes, in any group. */
  public Set<Operator> operators() {
    Set<Operator> all = EnumSet.noneOf(Operator.class);
    all.addAll(single);
    all.addAll(list);
    all.addAll(none);
    return all;
  }

  /** An operation's whole {@code x-klaviyo-filters} object: field name to rule, in spec order. */
  public static Map<String, FieldRule> tableFromSpec(JsonNode filters) {
    if (!filters.isObject()) {
      throw new IllegalArgumentException("x-klaviyo-filters is not an object: " + filters);
    }
    Map<String, FieldRule> table = new LinkedHashMap<>();
    filters.properties().forEach(e -> table.put(e.getKey(), fromSpec(e.getValue())));
    return Collections.unmodifiableMap(table);
  }

  /**
   * One field's entry, e.g. {@code {"operators":{"list":["any","equals"],"single":["equals"]},"value":{"type":"string"}}}.
   * Throws IllegalArgumentException on anything it does not understand, rather than guessing.
   */
  public static FieldRule fromSpec(JsonNode rule) {
    JsonNode operators = rule.path("operators");
    if (!operators.isObject()) {
      throw new IllegalArgumentException("filter rule without operators: " + rule);
    }
    Map<String, Set<Operator>> groups = new LinkedHashMap<>();
    operators.properties().forEach(e -> groups.put(e.getKey(), operatorSet(e.getValue())));
    if (!Set.of("single", "list", "none").containsAll(groups.keySet())) {
      throw new IllegalArgumentException("unknown operator group in " + operators);
    }
    JsonNode value = rule.path("value");
    Set<String> enumValues = new LinkedHashSet<>();
    value.path("enum").forEach(v -> enumValues.add(v.asText()));
    return new FieldRule(
        groups.getOrDefault("single", Set.of()),
        groups.getOrDefault("list", Set.of()),
        groups.getOrDefault("none", Set.of()),
        valueType(value),
        enumValues);
  }

  private static ValueType valueType(JsonNode value) {
    if (value.isMissingNode()) {
      return ValueType.NONE;
    }
    String type = value.path("type").asText("");
    String format = value.path("format").asText("");
    return switch (type + "/" + format) {
      case "string/" -> ValueType.STRING;
      case "string/date-time" -> ValueType.DATETIME;
      case "number/" -> ValueType.NUMBER;
      case "integer/" -> ValueType.INTEGER;
      case "boolean/" -> ValueType.BOOLEAN;
      default -> throw new IllegalArgumentException("unsupported filter value type: " + value);
    };
  }

  private static Set<Operator> operatorSet(JsonNode names) {
    if (!names.isArray()) {
      throw new IllegalArgumentException("operator group is not an array: " + names);
    }
    Set<Operator> set = EnumSet.noneOf(Operator.class);
    names.forEach(n -> set.add(Operator.fromWire(n.asText())
        .orElseThrow(() -> new IllegalArgumentException("unknown filter operator in spec: " + n))));
    return set;
  }

  private static Set<Operator> frozen(Set<Operator> operators) {
    Set<Operator> copy = EnumSet.noneOf(Operator.class);
    copy.addAll(operators);
    return Collections.unmodifiableSet(copy);
  }
}
