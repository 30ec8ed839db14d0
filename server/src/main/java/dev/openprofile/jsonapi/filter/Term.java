package dev.openprofile.jsonapi.filter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One validated condition, values converted to the field's Java type: String, Long (integer fields),
 * BigDecimal (number fields), Boolean or OffsetDateTime. All values of a term have the same type.
 *
 * @param values empty for {@code has}; {@code [null]} for {@code equals(field,null)} (IS NULL);
 *     otherwise one value, or several for a list
 * @param list the value is a set of alternatives (an array literal, or a scalar given to a list-only operator)
 */
public record Term(String field, Operator operator, List<Object> values, boolean list) {

  public Term {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(operator, "operator");
    // List.copyOf refuses nulls, and null is a legitimate value here.
    values = Collections.unmodifiableList(new ArrayList<>(values));
  }

  /** {@code equals(field,null)}. */
  public boolean isNullTest() {
    return operator == Operator.EQUALS && values.size() == 1 && values.getFirst() == null;
  }
}
