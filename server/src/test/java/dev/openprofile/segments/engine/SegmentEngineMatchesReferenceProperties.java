package dev.openprofile.segments.engine;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.consent.Channel;
import dev.openprofile.consent.ConsentState;
import dev.openprofile.jsonapi.Json;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * "Two paths, one rule": the members the engine's one SQL query selects are the ones the plain
 * in-memory {@link ReferenceEvaluator} selects, for random data sets (RandomDataSets) and random
 * definitions that go through {@link DefinitionParser} (RandomDefinitions), at a fixed now.
 *
 * <p>Every try stores its data set in an account of its own in one database, with the same profile,
 * list and metric ids as every other account, so a query that forgets the account shows. The seed is
 * fixed, so a failure reproduces; it names the definition and the profiles the two paths disagree on.
 */
class SegmentEngineMatchesReferenceProperties {
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();
    private static Connection db;

    @BeforeContainer
    static void open() throws SQLException {
        db = DataSetRows.freshDatabase();
    }

    @AfterContainer
    static void close() throws SQLException {
        db.close();
    }

    // no edge cases: jqwik would mix in the first and last choice of every generator so often that most
    // operators would hardly ever come up
    @Property(tries = 40, seed = "20260715", shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void theEngineSelectsTheProfilesTheReferenceSelects(@ForAll long dataSeed,
                                                        @ForAll @IntRange(min = 300, max = 2000) int profiles,
                                                        @ForAll("definitions") List<ObjectNode> definitions) throws SQLException {
        DataSet data = RandomDataSets.generate(new Random(dataSeed), profiles);
        String account = "acct-" + ACCOUNTS.incrementAndGet();
        DataSetRows.insert(db, account, data);
        ReferenceEvaluator reference = new ReferenceEvaluator(data, Moments.NOW);
        DefinitionParser parser = new DefinitionParser(DataSetRows.REFERENCES);
        for (int i = 0; i < definitions.size(); i++) {
            ObjectNode json = definitions.get(i);
            DefinitionLabels.of(json).forEach(Statistics.label("conditions and filters")::collect);
            // each condition alone first: in a definition, another condition often decides for it
            for (JsonNode group : json.get("condition_groups")) {
                for (JsonNode condition : group.get("conditions")) {
                    ObjectNode alone = Json.MAPPER.createObjectNode();
                    alone.putArray("condition_groups").addObject().putArray("conditions").add(condition);
                    check(data, account, "SEG" + i, parser.parse(account, alone, "/definition"), reference, "condition");
                }
            }
            check(data, account, "SEG" + i, parser.parse(account, json, "/definition"), reference, "definition");
        }
        Statistics.label("conditions and filters")
                .coverage(c -> DefinitionLabels.EVERY.forEach(label -> c.check(label).count(n -> n > 0)));
    }

    private static void check(DataSet data, String account, String segmentId, Definition definition,
                              ReferenceEvaluator reference, String label) throws SQLException {
        Set<String> engine = new SegmentEngine().members(db, account, segmentId, definition, Moments.NOW);
        Set<String> expected = reference.members(segmentId, definition);
        Statistics.label(label + " members").collect(
                expected.isEmpty() ? "none" : expected.size() == data.profiles().size() ? "all" : "some");
        if (!engine.equals(expected)) fail(disagreement(data, definition.toJson(), engine, expected));
        // The incremental path (refreshProfiles) runs the same query narrowed to the profiles that changed:
        // it must select exactly the full result's members among them.
        List<String> scope = data.profiles().stream().map(DataSet.Profile::id)
                .filter(id -> Math.floorMod(id.hashCode() + segmentId.hashCode(), 3) == 0).toList();
        Set<String> scoped = new SegmentEngine().members(db, account, segmentId, definition, Moments.NOW, scope);
        Set<String> expectedScoped = new HashSet<>(expected);
        expectedScoped.retainAll(scope);
        if (!scoped.equals(expectedScoped)) {
            fail("incremental: " + disagreement(data, definition.toJson(), scoped, expectedScoped));
        }
    }

    @Provide
    Arbitrary<List<ObjectNode>> definitions() {
        return RandomDefinitions.definitions().list().ofMinSize(4).ofMaxSize(16)
                .withSizeDistribution(RandomDistribution.uniform());
    }

    /** The definition and the first profiles selected by only one of the two, with all their data. */
    static String disagreement(DataSet data, ObjectNode definition, Set<String> engine, Set<String> reference) {
        Set<String> onlyEngine = new TreeSet<>(engine);
        onlyEngine.removeAll(reference);
        Set<String> onlyReference = new TreeSet<>(reference);
        onlyReference.removeAll(engine);
        StringBuilder out = new StringBuilder("definition: ").append(definition.toPrettyString())
                .append("\nselected by the SQL only (").append(onlyEngine.size()).append("): ").append(first(onlyEngine))
                .append("\nselected by the reference only (").append(onlyReference.size()).append("): ").append(first(onlyReference));
        Set<String> shown = new HashSet<>(first(onlyEngine));
        shown.addAll(first(onlyReference));
        for (String id : new TreeSet<>(shown)) out.append("\n\n").append(describe(data, id));
        return out.append('\n').toString();
    }

    private static List<String> first(Set<String> ids) {
        return ids.stream().limit(3).toList();
    }

    private static String describe(DataSet data, String id) {
        StringBuilder out = new StringBuilder();
        data.profiles().stream().filter(p -> p.id().equals(id)).forEach(p -> out.append(p));
        data.memberships().stream().filter(m -> m.profileId().equals(id)).forEach(m -> out.append("\n  ").append(m));
        if (data.consents().containsKey(id)) {
            ConsentState state = data.consents().get(id);
            out.append("\n  consent: email ").append(state.channel(Channel.EMAIL_MARKETING).consent())
                    .append(", sms ").append(state.channel(Channel.SMS_MARKETING).consent())
                    .append(", push ").append(state.channel(Channel.MOBILE_PUSH_MARKETING).consent())
                    .append(", suppressions ").append(state.suppressions());
        }
        data.events().stream().filter(e -> e.profileId().equals(id)).forEach(e -> out.append("\n  ").append(e));
        return out.toString();
    }
}
