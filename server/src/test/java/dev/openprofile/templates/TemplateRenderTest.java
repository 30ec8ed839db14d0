package dev.openprofile.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * render_template: Klaviyo's (Django's) template language as its docs show it, through HTTP for the operation and
 * through {@link TemplateRenderer} for the language's cases, and every way a render fails as a 400.
 */
class TemplateRenderTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final TemplateRenderer renderer = new TemplateRenderer();
    static final MessageTags PREVIEW = MessageTags.preview(2026);
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Api account() {
        return server.newAccount("render-").api();
    }

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String html(String template, String context) {
        return renderer.render(template, json(context), PREVIEW);
    }

    static String create(Api api, String html, String text) {
        String body = "{\"data\":{\"type\":\"template\",\"attributes\":{\"name\":\"Welcome\",\"editor_type\":\"CODE\",\"html\":"
                + TextNode.valueOf(html) + (text == null ? "" : ",\"text\":" + TextNode.valueOf(text)) + "}}}";
        var r = api.post("create_template", "/api/templates", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.data().get("id").asText();
    }

    static Api.Response render(Api api, String id, String context) {
        return api.post("render_template", "/api/template-render",
                "{\"data\":{\"type\":\"template\",\"id\":\"" + id + "\",\"attributes\":{\"context\":" + context + "}}}");
    }

    @Test
    void renderAnswersTheTemplateWithHtmlAndTextRenderedWithTheContext() {
        Api api = account();
        String id = create(api, "<p>Hello {{ first_name|default:'there' }} & {{ person.last_name }}</p>", "Hi {{ first_name }} <3");
        var r = render(api, id, "{\"first_name\":\"Jane <b>\",\"person\":{\"last_name\":\"Smith\"}}");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.data().get("id").asText()).isEqualTo(id);
        assertThat(r.data().at("/attributes/html").asText()).isEqualTo("<p>Hello Jane &lt;b&gt; & Smith</p>");
        // The text part is not HTML: nothing is escaped.
        assertThat(r.data().at("/attributes/text").asText()).isEqualTo("Hi Jane <b> <3");
        assertThat(r.data().at("/attributes/amp").isNull()).isTrue();
        assertThat(r.data().at("/attributes/name").asText()).isEqualTo("Welcome");
        // The stored template is unchanged.
        assertThat(api.get("get_template", "/api/templates/" + id).data().at("/attributes/html").asText())
                .contains("{{ first_name|default:'there' }}");
        var empty = render(api, id, "{}");
        assertThat(empty.data().at("/attributes/html").asText()).isEqualTo("<p>Hello there & </p>");
    }

    @Test
    void variablesNestedAndMissingRenderAsDjangoDoes() {
        assertThat(html("{{ first_name }}", "{\"first_name\":\"Jane\"}")).isEqualTo("Jane");
        assertThat(html("{{ person.address.city }}", "{\"person\":{\"address\":{\"city\":\"Boston\"}}}")).isEqualTo("Boston");
        // "Template variables without corresponding context values are treated as FALSE and output nothing."
        assertThat(html("[{{ missing }}][{{ person.missing.deeper }}]", "{\"person\":{}}")).isEqualTo("[][]");
        assertThat(html("{{ items.1 }}/{{ items.0.name }}", "{\"items\":[{\"name\":\"a\"},\"b\"]}")).isEqualTo("b/a");
        assertThat(html("{{ n }} {{ price }}", "{\"n\":3,\"price\":19.5}")).isEqualTo("3 19.5");
    }

    @Test
    void filtersWithColonArguments() {
        assertThat(html("{{ first_name|default:'there' }}", "{\"first_name\":\"\"}")).isEqualTo("there");
        assertThat(html("{{ first_name|default:\"friend\" }}", "{}")).isEqualTo("friend");
        assertThat(html("{{ count|default:0 }}", "{\"count\":null}")).isEqualTo("0");
        assertThat(html("{{ x|default_if_none:'none' }}|{{ y|default_if_none:'none' }}", "{\"x\":null,\"y\":\"\"}")).isEqualTo("none|");
        assertThat(html("{{ person|lookup:'Favorite Color' }}", "{\"person\":{\"Favorite Color\":\"blue\"}}")).isEqualTo("blue");
        assertThat(html("{{ event|lookup:'$value' }}", "{\"event\":{\"$value\":42}}")).isEqualTo("42");
        assertThat(html("{{ name|title }} {{ name|upper }} {{ name|lower }} {{ name|capfirst }}", "{\"name\":\"jane doe\"}"))
                .isEqualTo("Jane Doe JANE DOE jane doe Jane doe");
        assertThat(html("{{ v|floatformat }} {{ v|floatformat:2 }} {{ w|floatformat }} {{ w|floatformat:-2 }}",
                "{\"v\":34.23234,\"w\":34}")).isEqualTo("34.2 34.23 34 34");
        assertThat(html("{{ items|length }} {{ items|join:', ' }}", "{\"items\":[\"a\",\"b\"]}")).isEqualTo("2 a, b");
        assertThat(html("{{ s|truncatechars:5 }}", "{\"s\":\"Hello world\"}")).isEqualTo("Hell…");
        assertThat(html("{{ n|add:2 }} {{ f|add:2 }} {{ s|add:'!' }}", "{\"n\":3,\"f\":5.7,\"s\":\"hi\"}")).isEqualTo("5 7 hi!");
        assertThat(html("{{ n }} item{{ n|pluralize }}", "{\"n\":2}")).isEqualTo("2 items");
        assertThat(html("{{ s|striptags }}", "{\"s\":\"<b>bold</b>\"}")).isEqualTo("bold");
        assertThat(html("{{ s|urlencode }}", "{\"s\":\"a b&c\"}")).isEqualTo("a%20b%26c");
    }

    @Test
    void aCompiledTemplateRendersPerRecipient() {
        TemplateRenderer.Compiled message = renderer.compile("<p>Hi {{ first_name|default:'there' }}</p>", true);
        assertThat(message.render(json("{\"first_name\":\"Ann\"}"), PREVIEW)).isEqualTo("<p>Hi Ann</p>");
        assertThat(message.render(json("{}"), PREVIEW)).isEqualTo("<p>Hi there</p>");
        // Each render has its own loop budget: many renders of one loop never add up.
        TemplateRenderer.Compiled loop = renderer.compile("{% for x in xs %}{{ x }}{% endfor %}", false);
        String ctx = "{\"xs\":[" + "1,".repeat(999) + "1]}";
        for (int i = 0; i < 200; i++) assertThat(loop.render(json(ctx), PREVIEW)).hasSize(1000);
    }

    @Test
    void klaviyosOwnFilters() {
        assertThat(html("{{ s|append:' world' }}|{{ s|concat:'!' }}|{{ s|count }}", "{\"s\":\"hello\"}")).isEqualTo("hello world|hello!|5");
        assertThat(html("{{ 1|at_least:5.0 }} {{ 1|at_most:-1.0 }}", "{}")).isEqualTo("5.0 -1.0");
        assertThat(html("{{ p|floatadd:0.25 }} {{ p|multiply:2 }} {{ p|multiply:'x' }}", "{\"p\":1.5}")).isEqualTo("1.75 3 ");
        assertThat(html("{{ e|base64_encode }}|{{ 'aGk='|base64_decode }}", "{\"e\":\"a@b.co\"}")).isEqualTo("YUBiLmNv|hi");
    }

    @Test
    void conditionalsJudgeTruthAsDjangoDoes() {
        String t = "{% if tier == 'gold' %}G{% elif tier == 'silver' %}S{% else %}N{% endif %}";
        assertThat(html(t, "{\"tier\":\"gold\"}")).isEqualTo("G");
        assertThat(html(t, "{\"tier\":\"silver\"}")).isEqualTo("S");
        assertThat(html(t, "{}")).isEqualTo("N");
        String truth = "{% if v %}T{% else %}F{% endif %}";
        for (String falsy : new String[] {"null", "false", "0", "\"\"", "[]", "{}"}) {
            assertThat(html(truth, "{\"v\":" + falsy + "}")).as(falsy).isEqualTo("F");
        }
        for (String truthy : new String[] {"true", "1", "\"x\"", "[0]", "{\"a\":1}"}) {
            assertThat(html(truth, "{\"v\":" + truthy + "}")).as(truthy).isEqualTo("T");
        }
        assertThat(html("{% if a and not b %}yes{% endif %}{% if n >= 10 or a %}!{% endif %}", "{\"a\":true,\"b\":false,\"n\":3}"))
                .isEqualTo("yes!");
    }

    @Test
    void loopsOverEventItemsWithForloopAndEmpty() {
        String t = "{% for item in event.Items %}{{ forloop.counter }}.{{ item.ProductName }}({{ item.Quantity }})"
                + "{% if not forloop.last %}, {% endif %}{% empty %}none{% endfor %}";
        assertThat(html(t, "{\"event\":{\"Items\":[{\"ProductName\":\"Hat\",\"Quantity\":1},{\"ProductName\":\"Mug\",\"Quantity\":2}]}}"))
                .isEqualTo("1.Hat(1), 2.Mug(2)");
        assertThat(html(t, "{\"event\":{\"Items\":[]}}")).isEqualTo("none");
        assertThat(html(t, "{}")).isEqualTo("none");
        assertThat(html("{% for e in person %}{{ e.key }}={{ e.value }};{% endfor %}", "{\"person\":{\"a\":1,\"b\":\"x\"}}"))
                .isEqualTo("a=1;b=x;");
        assertThat(html("{% for k in tags %}{{ forloop.counter0 }}{{ k }}{% endfor %}", "{\"tags\":[\"a\",\"b\"]}")).isEqualTo("0a1b");
    }

    @Test
    void klaviyosMessageTagsRenderTheRecipientsLinksAndTheYear() {
        MessageTags tags = new MessageTags("https://op.test/u/K?a=1&b=2", "https://op.test/p/K", "https://op.test/v/K", 2031);
        String source = "{% unsubscribe %} | {% unsubscribe 'Stop <these>' %} | <a href=\"{% unsubscribe_link %}\">x</a> | "
                + "{%- manage_preferences -%} | {% web_view \"See it online\" %} | {% manage_preferences_link %} | (c) {% current_year %}";
        assertThat(renderer.render(source, json("{}"), tags)).isEqualTo("<a href=\"https://op.test/u/K?a=1&amp;b=2\">Unsubscribe</a>"
                + " | <a href=\"https://op.test/u/K?a=1&amp;b=2\">Stop <these></a> | <a href=\"https://op.test/u/K?a=1&amp;b=2\">x</a> | "
                + "<a href=\"https://op.test/p/K\">Manage Preferences</a> | <a href=\"https://op.test/v/K\">See it online</a>"
                + " | https://op.test/p/K | (c) 2031");
        // In a text part a tag is its text and URL.
        assertThat(renderer.renderText("{% unsubscribe %} / {% web_view_link %}", json("{}"), tags))
                .isEqualTo("Unsubscribe (https://op.test/u/K?a=1&b=2) / https://op.test/v/K");
        // A preview (render_template) links to fragments; the tags' variable cannot be spoofed by the context.
        assertThat(html("{% unsubscribe %} {% current_year %}", "{\"openprofile_message_tags\":{\"current_year\":1}}"))
                .isEqualTo("<a href=\"#unsubscribe\">Unsubscribe</a> 2026");
    }

    @Test
    void htmlInValuesIsEscapedUnlessMarkedSafe() {
        assertThat(html("{{ v }}", "{\"v\":\"<script>alert('x')</script>\"}"))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assertThat(html("{{ v|safe }}", "{\"v\":\"<b>ok</b>\"}")).isEqualTo("<b>ok</b>");
        assertThat(renderer.renderText("{{ v }}", json("{\"v\":\"<b>ok</b>\"}"), PREVIEW)).isEqualTo("<b>ok</b>");
        // Text outside tags, and comments, are the template's own.
        assertThat(html("<i>{# note #}{% comment %}gone{% endcomment %}x</i>", "{}")).isEqualTo("<i>x</i>");
    }

    @Test
    void theSandboxReachesNothingButTheContext() {
        // No Java methods on values: a name that is no key renders nothing, as a missing variable does.
        assertThat(html("[{{ name.class }}][{{ name.bytes }}][{{ person.empty }}][{{ items.size }}]",
                "{\"name\":\"x\",\"person\":{},\"items\":[1]}")).isEqualTo("[][][][]");
        for (String t : new String[] {"{% include 'x' %}", "{% extends 'x' %}", "{% import 'x' %}",
                "{% macro f() %}x{% endmacro %}", "{{ range(0, 10) }}", "{% for i in 0..10 %}{% endfor %}",
                "{{ name|date('yyyy') }}"}) {
            try {
                html(t, "{\"name\":\"x\"}");
                throw new AssertionError(t + " rendered");
            } catch (TemplateRenderer.TemplateError e) {
                // Disallowed tags fail the parse; a disallowed function or filter fails when it is called.
                assertThat(e.getMessage()).as(t).isNotBlank();
            }
        }
    }

    @Test
    void aDeeplyNestedTemplateRendersOrFailsAsATemplateError() {
        String deep = "{% if a %}".repeat(20_000) + "x" + "{% endif %}".repeat(20_000);
        try {
            assertThat(html(deep, "{\"a\":true}")).isEqualTo("x");
        } catch (TemplateRenderer.TemplateError e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Test
    void aRunawayTemplateStopsWithA400() {
        Api api = account();
        StringBuilder thousand = new StringBuilder("[");
        for (int i = 0; i < 1000; i++) thousand.append(i == 0 ? "" : ",").append(i);
        String ctx = "{\"xs\":" + thousand.append("]") + "}";
        String nested = create(api, "{% for a in xs %}{% for b in xs %}{% for c in xs %}{% endfor %}{% endfor %}{% endfor %}", null);
        long start = System.nanoTime();
        var r = render(api, nested, ctx);
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/context");
        assertThat(r.error().get("detail").asText()).contains("loops more than");
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
        String huge = create(api, "{% for a in xs %}{% for b in xs %}" + "x".repeat(100) + "{% endfor %}{% endfor %}", null);
        var big = render(api, huge, ctx);
        assertThat(big.status()).as(big.text()).isEqualTo(400);
        assertThat(big.error().get("detail").asText()).containsAnyOf("more than", "chars");
    }

    @Test
    void everyRenderErrorIsA400WithItsPointer() {
        Api api = account();
        String broken = create(api, "{% if x %}never closed", "ok");
        var syntax = render(api, broken, "{}");
        assertThat(syntax.status()).isEqualTo(400);
        assertThat(syntax.error().at("/source/pointer").asText()).isEqualTo("/data/id");
        assertThat(syntax.error().get("detail").asText()).startsWith("The template's html could not be rendered");
        String unsupported = create(api, "{% today '%Y' %}", null);
        assertThat(render(api, unsupported, "{}").error().at("/source/pointer").asText()).isEqualTo("/data/id");
        String ok = create(api, "hi", null);
        String[][] cases = {
                {"{\"data\":{\"type\":\"template\",\"id\":\"" + ok + "\",\"attributes\":{}}}", "/data/attributes/context"},
                {"{\"data\":{\"type\":\"template\",\"id\":\"" + ok + "\",\"attributes\":{\"context\":[1]}}}", "/data/attributes/context"},
                {"{\"data\":{\"type\":\"template\",\"id\":\"" + ok + "\",\"attributes\":{\"context\":{},\"x\":1}}}", "/data/attributes/x"},
                {"{\"data\":{\"type\":\"list\",\"id\":\"" + ok + "\",\"attributes\":{\"context\":{}}}}", "/data/type"},
                {"{\"data\":{\"type\":\"template\",\"attributes\":{\"context\":{}}}}", "/data/id"},
                {"{\"data\":{\"type\":\"template\",\"id\":\"" + ok + "\"}}", "/data/attributes"},
                {"{}", "/data"}};
        for (String[] c : cases) {
            var r = api.post("render_template", "/api/template-render", c[0]);
            assertThat(r.status()).as(c[0]).isEqualTo(400);
            assertThat(r.error().at("/source/pointer").asText()).as(c[0]).isEqualTo(c[1]);
        }
        var missing = render(api, "NOPE12", "{}");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.error().at("/source/pointer").asText()).isEqualTo("/data/id");
        // Another account's template is not found either.
        assertThat(render(account(), ok, "{}").status()).isEqualTo(404);
    }
}
