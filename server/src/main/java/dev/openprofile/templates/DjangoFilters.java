package dev.openprofile.templates;

import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Django's filters that Klaviyo's docs show and Pebble lacks or spells differently (Pebble's own {@code upper},
 * {@code lower}, {@code title}, {@code length}, {@code join}, {@code first}, {@code last}, {@code trim} stay).
 * docs/compatibility.md ("Templates") lists them.
 */
final class DjangoFilters {
    static final Map<String, Filter> ALL = Map.ofEntries(
            Map.entry("default", filter("value", (in, arg) -> truthy(in) ? in : arg)),
            Map.entry("default_if_none", filter("value", (in, arg) -> in == null ? arg : in)),
            // Klaviyo's: a key that is no identifier ("Favorite Color", "$value"), of an object, or an index of a list.
            Map.entry("lookup", filter("key", DjangoFilters::lookup)),
            Map.entry("capfirst", filter(null, (in, arg) -> in == null || str(in).isEmpty() ? in
                    : Character.toUpperCase(str(in).charAt(0)) + str(in).substring(1))),
            Map.entry("floatformat", filter("digits", DjangoFilters::floatformat)),
            Map.entry("truncatechars", filter("length", DjangoFilters::truncatechars)),
            Map.entry("striptags", filter(null, (in, arg) -> in == null ? null : str(in).replaceAll("<[^>]*>", ""))),
            Map.entry("safe", filter(null, (in, arg) -> in == null ? null : new SafeString(str(in)))),
            Map.entry("add", filter("value", DjangoFilters::add)),
            Map.entry("urlencode", filter(null, (in, arg) -> in == null ? null : URLEncoder.encode(str(in), StandardCharsets.UTF_8)
                    .replace("+", "%20"))),
            Map.entry("linebreaksbr", filter(null, (in, arg) -> in == null ? null : new SafeString(
                    org.unbescape.html.HtmlEscape.escapeHtml4Xml(str(in)).replace("\n", "<br>")))),
            Map.entry("pluralize", filter("suffix", DjangoFilters::pluralize)),
            // Klaviyo's own filters (its Django filter glossary).
            Map.entry("append", filter("value", (in, arg) -> str(in == null ? "" : in) + str(arg == null ? "" : arg))),
            Map.entry("concat", filter("value", (in, arg) -> str(in == null ? "" : in) + str(arg == null ? "" : arg))),
            Map.entry("count", filter(null, (in, arg) -> in == null ? 0L : (long) str(in).length())),
            Map.entry("at_least", filter("value", (in, arg) -> extreme(in, arg, true))),
            Map.entry("at_most", filter("value", (in, arg) -> extreme(in, arg, false))),
            Map.entry("floatadd", filter("value", (in, arg) -> arithmetic(in, arg, BigDecimal::add))),
            Map.entry("multiply", filter("value", (in, arg) -> arithmetic(in, arg, BigDecimal::multiply))),
            Map.entry("base64_encode", filter(null, (in, arg) -> in == null ? null
                    : java.util.Base64.getEncoder().encodeToString(str(in).getBytes(StandardCharsets.UTF_8)))),
            Map.entry("base64_decode", filter(null, (in, arg) -> decode(in, java.util.Base64.getDecoder()))),
            Map.entry("base64_url_safe_encode", filter(null, (in, arg) -> in == null ? null
                    : java.util.Base64.getUrlEncoder().encodeToString(str(in).getBytes(StandardCharsets.UTF_8)))),
            Map.entry("base64_url_safe_decode", filter(null, (in, arg) -> decode(in, java.util.Base64.getUrlDecoder()))));

    private DjangoFilters() {}

    /** Django's truthiness: None, False, zero, "" and empty collections are false. */
    static boolean truthy(Object v) {
        return switch (v) {
            case null -> false;
            case Boolean b -> b;
            case Number n -> n.doubleValue() != 0;
            case CharSequence s -> !s.isEmpty();
            case Collection<?> c -> !c.isEmpty();
            case Map<?, ?> m -> !m.isEmpty();
            case SafeString s -> !s.toString().isEmpty();
            default -> true;
        };
    }

    static Long integer(Object v) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return n.longValue();
        if (v instanceof CharSequence s) {
            try {
                return Long.parseLong(s.toString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String str(Object v) {
        return v instanceof Double d && d == Math.rint(d) && !d.isInfinite() ? BigDecimal.valueOf(d).toPlainString() : String.valueOf(v);
    }

    private static Object lookup(Object in, Object key) {
        if (in instanceof Map<?, ?> m) return m.get(String.valueOf(key));
        if (in instanceof List<?> l) {
            Long i = integer(key);
            return i == null || i < 0 || i >= l.size() ? null : l.get(i.intValue());
        }
        return null;
    }

    /** Django: no argument, one decimal unless the value is whole; N, N decimals; -N, N decimals unless whole. */
    private static Object floatformat(Object in, Object arg) {
        BigDecimal value = number(in);
        if (value == null) return in == null ? "" : in;
        Long n = arg == null ? Long.valueOf(-1) : integer(arg);
        if (n == null) return in;
        int digits = (int) Math.min(Math.abs(n), 20);
        BigDecimal rounded = value.setScale(digits, RoundingMode.HALF_UP);
        if (n < 0 && rounded.compareTo(rounded.setScale(0, RoundingMode.HALF_UP)) == 0) {
            return rounded.setScale(0, RoundingMode.HALF_UP).toPlainString();
        }
        return rounded.toPlainString();
    }

    private static BigDecimal number(Object in) {
        try {
            if (in instanceof Number n) return new BigDecimal(n.toString());
            if (in instanceof CharSequence s) return new BigDecimal(s.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static Object truncatechars(Object in, Object arg) {
        Long n = integer(arg);
        if (in == null || n == null) return in;
        String s = str(in);
        if (s.length() <= n) return s;
        return n < 1 ? "…" : s.substring(0, (int) (n - 1)) + "…";
    }

    /**
     * Django's add: whole numbers add ("If either number is a float, all decimals will be ignored", Klaviyo's glossary:
     * floatadd adds floats); otherwise strings (and lists) concatenate; what cannot be added gives "".
     */
    private static Object add(Object in, Object arg) {
        BigDecimal a = number(in);
        BigDecimal b = number(arg);
        if (a != null && b != null) return a.longValue() + b.longValue();
        if (in instanceof List<?> l && arg instanceof List<?> m) {
            List<Object> out = new java.util.ArrayList<>(l);
            out.addAll(m);
            return out;
        }
        if (in == null || arg == null) return "";
        return str(in) + str(arg);
    }

    /** A sum or product of two numbers, printed without a trailing ".0" when whole; not numbers: "". */
    private static Object arithmetic(Object in, Object arg, java.util.function.BinaryOperator<BigDecimal> op) {
        BigDecimal a = number(in);
        BigDecimal b = number(arg);
        if (a == null || b == null) return "";
        BigDecimal r = op.apply(a, b).stripTrailingZeros();
        return r.scale() <= 0 ? (Object) r.toBigInteger() : r.toPlainString();
    }

    private static Object extreme(Object in, Object arg, boolean max) {
        BigDecimal a = number(in);
        BigDecimal b = number(arg);
        if (a == null || b == null) return in;
        return (a.compareTo(b) >= 0) == max ? in : arg;
    }

    private static Object decode(Object in, java.util.Base64.Decoder decoder) {
        if (in == null) return null;
        try {
            return new String(decoder.decode(str(in)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static Object pluralize(Object in, Object arg) {
        String suffix = arg == null ? "s" : str(arg);
        String singular = "";
        String plural = suffix;
        int comma = suffix.indexOf(',');
        if (comma >= 0) {
            singular = suffix.substring(0, comma);
            plural = suffix.substring(comma + 1);
        }
        long count = in instanceof Collection<?> c ? c.size() : in instanceof Map<?, ?> m ? m.size()
                : number(in) == null ? 1 : number(in).compareTo(BigDecimal.ONE) == 0 ? 1 : 2;
        return count == 1 ? singular : plural;
    }

    /** A filter with at most one argument, named {@code argument} (null: none). */
    private static Filter filter(String argument, BiFunction<Object, Object, Object> apply) {
        return new Filter() {
            public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
                return apply.apply(input, argument == null ? null : args.get(argument));
            }

            public List<String> getArgumentNames() {
                return argument == null ? List.of() : List.of(argument);
            }
        };
    }
}
