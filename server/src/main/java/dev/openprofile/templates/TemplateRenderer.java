package dev.openprofile.templates;

import com.fasterxml.jackson.databind.JsonNode;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.ExtensionCustomizer;
import io.pebbletemplates.pebble.extension.core.CoreExtension;
import io.pebbletemplates.pebble.extension.core.DisallowExtensionCustomizerBuilder;
import io.pebbletemplates.pebble.loader.StringLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

/**
 * Klaviyo's template language (Django-like: "Email templates are rendered with contexts in a similar manner to
 * Django templates", render_template) on the Pebble engine: {@link DjangoSyntax} turns Django's spelling into
 * Pebble's, {@link KlaviyoExtension} adds Django's filters and truthiness. Sandboxed: the context is JSON turned into
 * maps and lists and nothing else is reachable (no method calls, no include/import/extends/macro, no ranges), the
 * output is bounded, and every loop draws on one iteration budget per render with a deadline, so a template cannot
 * hang or exhaust the server. Whatever fails renders as a {@link TemplateError}, never an exception of the engine's.
 * Thread-safe; campaign and flow sending reuse it.
 */
public final class TemplateRenderer {
    static final int MAX_OUTPUT_CHARS = 2_000_000;
    private final PebbleEngine html = engine(true);
    private final PebbleEngine text = engine(false);

    /** Renders html (or amp): values from the context are HTML-escaped, as Django does, unless marked {@code |safe}. */
    public String render(String source, JsonNode context, MessageTags tags) {
        return source == null ? null : compile(source, true).render(context, tags);
    }

    /** Renders a plain-text part: nothing is escaped. */
    public String renderText(String source, JsonNode context, MessageTags tags) {
        return source == null ? null : compile(source, false).render(context, tags);
    }

    /**
     * Parses a template once, for rendering it per recipient (a campaign's send); {@code html}: values are escaped.
     *
     * @throws TemplateError (in the template) when it does not parse or uses what is not supported
     */
    public Compiled compile(String source, boolean html) {
        try {
            return new Compiled((html ? this.html : text).getLiteralTemplate(DjangoSyntax.toPebble(source, html)));
        } catch (PebbleException e) {
            throw new TemplateError(true, describe(e));
        } catch (StackOverflowError e) {
            throw new TemplateError(true, "The template nests too deeply.");
        }
    }

    /** A parsed template; thread-safe, each render with its own loop budget. */
    public static final class Compiled {
        private final PebbleTemplate template;

        private Compiled(PebbleTemplate template) {
            this.template = template;
        }

        /** @throws TemplateError (not in the template) when rendering with this context fails or exceeds a bound */
        public String render(JsonNode context, MessageTags tags) {
            StringWriter out = new StringWriter();
            try {
                LoopBudget.start();
                java.util.Map<String, Object> variables = JsonContext.of(context);
                variables.put(MessageTags.VARIABLE, tags.asContext());
                template.evaluate(out, variables);
            } catch (PebbleException e) {
                throw new TemplateError(false, describe(e));
            } catch (LoopBudget.Exhausted e) {
                throw new TemplateError(false, e.getMessage());
            } catch (IOException | RuntimeException e) {
                // A value of a type an operator cannot take (the engine's ClassCastException and the like).
                throw new TemplateError(false, "The template could not be rendered with this context: " + e.getMessage());
            } catch (StackOverflowError e) {
                throw new TemplateError(false, "The template nests too deeply.");
            } finally {
                LoopBudget.end();
            }
            return out.toString();
        }
    }

    private static String describe(PebbleException e) {
        String message = e.getPebbleMessage() == null ? e.getMessage() : e.getPebbleMessage();
        return e.getLineNumber() == null || e.getLineNumber() < 1 ? message : message + " (line " + e.getLineNumber() + ")";
    }

    private static PebbleEngine engine(boolean escape) {
        var disallow = new DisallowExtensionCustomizerBuilder()
                // Loading other templates, defining callables and threads: none has a place in a sandboxed message.
                .disallowedTokenParserTags(List.of("include", "import", "from", "extends", "embed", "block", "macro",
                        "parallel", "cache", "flush"))
                .disallowedFunctionKeys(List.of("range", "block", "parent", "i18n"))
                // Pebble's spellings that differ from Django's: KlaviyoExtension has the Django ones.
                .disallowedFilterKeys(List.of("default", "date", "format", "merge"))
                .disallowedBinaryOperatorSymbols(List.of(".."))
                .build();
        return new PebbleEngine.Builder()
                .loader(new StringLoader())
                .strictVariables(false)
                .newLineTrimming(false)
                .autoEscaping(escape)
                .cacheActive(false)
                .maxRenderedSize(MAX_OUTPUT_CHARS)
                .methodAccessValidator((object, method) -> method.getDeclaringClass().getName().startsWith("io.pebbletemplates."))
                .extension(new KlaviyoExtension())
                .registerExtensionCustomizer(ext -> ext instanceof CoreExtension ? disallow.apply(ext) : new ExtensionCustomizer(ext) {})
                .build();
    }

    /** Why a template did not render; {@code inTemplate}: its source is at fault (syntax, an unsupported tag). */
    public static final class TemplateError extends RuntimeException {
        private final boolean inTemplate;

        TemplateError(boolean inTemplate, String message) {
            super(message, null, false, false);
            this.inTemplate = inTemplate;
        }

        public boolean inTemplate() {
            return inTemplate;
        }
    }
}
