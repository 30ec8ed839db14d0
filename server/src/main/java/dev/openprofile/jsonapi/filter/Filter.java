package dev.openprofile.jsonapi.filter;

/**
 * A parsed {@code ?filter=} value: a tree of conditions joined by {@code and}. Klaviyo has no
 * {@code or} or {@code not}, so this is the whole algebra. Produced by {@link FilterParser},
 * checked against an endpoint's table by {@link FilterValidator}.
 */
public sealed interface Filter permits And, Condition {

  /** The canonical filter text; {@code FilterParser.parse(f.toWire())} gives {@code f} back, positions aside. */
  default String toWire() {
    return FilterPrinter.print(this);
  }
}
