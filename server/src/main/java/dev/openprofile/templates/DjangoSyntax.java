package dev.openprofile.templates;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Django's spelling (Klaviyo's) turned into Pebble's, inside tags only; text outside {@code {{ }}} and {@code {% %}}
 * is left as written. Filter arguments after a colon ({@code |default:'there'}) become Pebble's call
 * ({@code |default('there')}); {@code elif} becomes {@code elseif}; a for loop's {@code empty} becomes {@code else};
 * {@code items.0} becomes {@code items[0]}; {@code forloop.*} becomes Pebble's {@code loop.*}; comment blocks go.
 * Klaviyo's message tags become expressions over {@link MessageTags#VARIABLE}: {@code {% unsubscribe %}} a link
 * ({@code <a href="…">Unsubscribe</a>} in HTML, the URL in text), {@code {% unsubscribe 'text' %}} with that text,
 * {@code {% unsubscribe_link %}} the URL alone; {@code manage_preferences} and {@code web_view} alike;
 * {@code {% current_year %}} the year.
 */
final class DjangoSyntax {
    private static final Pattern TAG = Pattern.compile("\\{\\{.*?}}|\\{%.*?%}", Pattern.DOTALL);
    private static final Pattern COMMENT = Pattern.compile("\\{%\\s*comment\\s*%}.*?\\{%\\s*endcomment\\s*%}", Pattern.DOTALL);
    private static final String STRING = "'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"";
    private static final Pattern STRINGS = Pattern.compile(STRING);
    private static final Pattern COLON_ARGUMENT = Pattern.compile(
            "\\|\\s*([A-Za-z_]\\w*)\\s*:\\s*(" + STRING + "|-?\\d+(?:\\.\\d+)?|[A-Za-z_][\\w.]*)");
    private static final Pattern INDEX = Pattern.compile("([A-Za-z_]\\w*|])\\.(\\d+)");
    private static final Pattern ELIF = Pattern.compile("^\\{%(-?)\\s*elif\\b");
    private static final Pattern EMPTY = Pattern.compile("^\\{%(-?)\\s*empty\\s*(-?)%}$");
    private static final Pattern MESSAGE_TAG = Pattern.compile(
            "^\\{%-?\\s*(unsubscribe|manage_preferences|web_view)(_link)?(?:\\s+(" + STRING + "))?\\s*-?%}$");
    private static final Pattern CURRENT_YEAR = Pattern.compile("^\\{%-?\\s*current_year\\s*-?%}$");
    private static final Map<String, String> DEFAULT_TEXT = Map.of("unsubscribe", "Unsubscribe",
            "manage_preferences", "Manage Preferences", "web_view", "View in browser");

    private DjangoSyntax() {}

    /** @param html whether the part is HTML (a message tag renders a link) or text (it renders the URL) */
    static String toPebble(String source, boolean html) {
        String s = COMMENT.matcher(source).replaceAll("");
        Matcher m = TAG.matcher(s);
        StringBuilder out = new StringBuilder(s.length() + 16);
        while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(messageTag(m.group(), html).orElseGet(() -> tag(m.group()))));
        m.appendTail(out);
        return out.toString();
    }

    private static java.util.Optional<String> messageTag(String tag, boolean html) {
        if (CURRENT_YEAR.matcher(tag).matches()) return java.util.Optional.of("{{ " + MessageTags.VARIABLE + ".current_year }}");
        Matcher m = MESSAGE_TAG.matcher(tag);
        if (!m.matches()) return java.util.Optional.empty();
        String url = "{{ " + MessageTags.VARIABLE + "." + m.group(1) + "_link }}";
        if (m.group(2) != null) return java.util.Optional.of(url);
        String text = m.group(3) != null ? "{{ " + m.group(3) + " }}" : DEFAULT_TEXT.get(m.group(1));
        return java.util.Optional.of(html ? "<a href=\"" + url + "\">" + text + "</a>" : text + " (" + url + ")");
    }

    private static String tag(String tag) {
        String t = ELIF.matcher(tag).replaceFirst("{%$1 elseif");
        t = EMPTY.matcher(t).replaceFirst("{%$1 else $2%}");
        return outsideStrings(t);
    }

    /** Rewrites the code of a tag, leaving its string literals as written. */
    private static String outsideStrings(String tag) {
        // Colon arguments may be strings themselves, so they are rewritten on the whole tag first.
        String t = COLON_ARGUMENT.matcher(tag).replaceAll(r -> Matcher.quoteReplacement("|" + r.group(1) + "(" + r.group(2) + ")"));
        StringBuilder out = new StringBuilder(t.length());
        Matcher strings = STRINGS.matcher(t);
        int at = 0;
        while (strings.find()) {
            out.append(code(t.substring(at, strings.start()))).append(strings.group());
            at = strings.end();
        }
        return out.append(code(t.substring(at))).toString();
    }

    private static String code(String code) {
        String c = code.replace("forloop.counter0", "loop.index").replace("forloop.counter", "(loop.index|add(1))")
                .replace("forloop.revcounter0", "loop.revindex").replace("forloop.revcounter", "(loop.revindex|add(1))")
                .replace("forloop.first", "loop.first").replace("forloop.last", "loop.last");
        String before;
        do {
            before = c;
            c = INDEX.matcher(c).replaceAll("$1[$2]");
        } while (!c.equals(before));
        return c;
    }
}
