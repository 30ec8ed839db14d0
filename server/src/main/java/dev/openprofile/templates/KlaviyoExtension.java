package dev.openprofile.templates;

import io.pebbletemplates.pebble.attributes.AttributeResolver;
import io.pebbletemplates.pebble.attributes.ResolvedAttribute;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.node.BodyNode;
import io.pebbletemplates.pebble.node.ForNode;
import io.pebbletemplates.pebble.node.IfNode;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.parser.Parser;
import io.pebbletemplates.pebble.tokenParser.ForTokenParser;
import io.pebbletemplates.pebble.tokenParser.IfTokenParser;
import io.pebbletemplates.pebble.tokenParser.TokenParser;
import io.pebbletemplates.pebble.utils.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What Klaviyo's (Django's) language has that Pebble spells differently: Django's filters ({@link DjangoFilters}),
 * Django's truthiness in {@code if} (an empty list is false; Pebble takes only booleans, numbers and strings), loops
 * that draw on the render's {@link LoopBudget}, and attribute access that reads only the JSON context.
 */
final class KlaviyoExtension extends AbstractExtension {

    @Override
    public Map<String, Filter> getFilters() {
        return DjangoFilters.ALL;
    }

    @Override
    public List<TokenParser> getTokenParsers() {
        return List.of(new TruthyIf(), new BudgetedFor());
    }

    @Override
    public List<AttributeResolver> getAttributeResolver() {
        return List.of(KlaviyoExtension::attribute);
    }

    /**
     * {@code a.b} on a map is its key, {@code a[0]} on a list its element; on a string, number or boolean, nothing (no
     * methods). The engine's own objects ({@code loop}) go on to Pebble, which may call only Pebble's own methods
     * ({@link TemplateRenderer}'s method access rule).
     */
    private static ResolvedAttribute attribute(Object instance, Object name, Object[] args,
                                               io.pebbletemplates.pebble.node.ArgumentsNode argumentsNode,
                                               io.pebbletemplates.pebble.template.EvaluationContextImpl context,
                                               String filename, int line) {
        if (instance instanceof Map<?, ?> m) return new ResolvedAttribute(m.get(String.valueOf(name)));
        if (instance instanceof List<?> l) {
            Long index = DjangoFilters.integer(name);
            if (index == null || index < -l.size() || index >= l.size()) return new ResolvedAttribute(null);
            return new ResolvedAttribute(l.get((int) (index < 0 ? l.size() + index : index)));
        }
        // A loop over an object iterates its entries (Pebble's way): {{ entry.key }}, {{ entry.value }}.
        if (instance instanceof Map.Entry<?, ?> e) {
            return new ResolvedAttribute("key".equals(name) ? e.getKey() : "value".equals(name) ? e.getValue() : null);
        }
        if (instance instanceof CharSequence || instance instanceof Number || instance instanceof Boolean) {
            return new ResolvedAttribute(null);
        }
        return null;
    }

    /** Pebble's if, with each condition judged by Django's truthiness. */
    private static final class TruthyIf implements TokenParser {
        private final IfTokenParser pebble = new IfTokenParser();

        public String getTag() {
            return "if";
        }

        public RenderableNode parse(Token token, Parser parser) {
            IfNode node = (IfNode) pebble.parse(token, parser);
            List<Pair<Expression<?>, BodyNode>> conditions = new ArrayList<>();
            for (Pair<Expression<?>, BodyNode> p : node.getConditionsWithBodies()) {
                conditions.add(new Pair<>(new Truthy(p.getLeft()), p.getRight()));
            }
            return new IfNode(token.getLineNumber(), conditions, node.getElseBody());
        }
    }

    /** Pebble's for, iterating through the render's loop budget. */
    private static final class BudgetedFor implements TokenParser {
        private final ForTokenParser pebble = new ForTokenParser();

        public String getTag() {
            return "for";
        }

        public RenderableNode parse(Token token, Parser parser) {
            ForNode node = (ForNode) pebble.parse(token, parser);
            Expression<?> iterable = node.getIterable();
            Expression<Object> budgeted = new Expression<>() {
                public Object evaluate(io.pebbletemplates.pebble.template.PebbleTemplateImpl self,
                                       io.pebbletemplates.pebble.template.EvaluationContextImpl context) {
                    return LoopBudget.wrap(iterable.evaluate(self, context));
                }

                public int getLineNumber() {
                    return iterable.getLineNumber();
                }

                public void accept(io.pebbletemplates.pebble.extension.NodeVisitor visitor) {
                    visitor.visit(this);
                }
            };
            return new ForNode(token.getLineNumber(), node.getIterationVariable(), budgeted, node.getBody(), node.getElseBody());
        }
    }

    /** A condition as Django judges it: None, False, 0, "" and empty lists and objects are false. */
    private record Truthy(Expression<?> inner) implements Expression<Boolean> {
        public Boolean evaluate(io.pebbletemplates.pebble.template.PebbleTemplateImpl self,
                                io.pebbletemplates.pebble.template.EvaluationContextImpl context) {
            return DjangoFilters.truthy(inner.evaluate(self, context));
        }

        public int getLineNumber() {
            return inner.getLineNumber();
        }

        public void accept(io.pebbletemplates.pebble.extension.NodeVisitor visitor) {
            visitor.visit(this);
        }
    }
}
