package dev.openprofile.jsonapi.filter;

/** The type of a filterable field's value, from the {@code value} of its {@code x-klaviyo-filters} entry. */
public enum ValueType {
  /** {@code {"type":"string"}}, possibly with an {@code enum}. */
  STRING("a string"),
  /** {@code {"type":"string","format":"date-time"}}: an unquoted datetime or date, or a quoted one. */
  DATETIME("a datetime"),
  /** {@code {"type":"number"}}, e.g. events' {@code timestamp}. */
  NUMBER("a number"),
  /** {@code {"type":"integer"}}, e.g. reviews' {@code rating}. */
  INTEGER("an integer"),
  /** {@code {"type":"boolean"}}. */
  BOOLEAN("a boolean"),
  /** No {@code value} at all: the field only takes {@code has(field)}. */
  NONE("no value");

  private final String description;

  ValueType(String description) {
    this.description = description;
  }

  /** For error messages: "expects a datetime". */
  public String description() {
    return description;
  }
}
