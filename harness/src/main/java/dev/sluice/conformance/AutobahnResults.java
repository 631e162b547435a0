package dev.sluice.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the Autobahn fuzzing client's {@code index.json} and the committed expected-results file,
 * compares them case by case and summarises. The suite fails a build only on FAILED behaviour;
 * this comparison also catches NON-STRICT behaviour and wrong closing handshakes.
 */
public final class AutobahnResults {
    private final Map<String, AutobahnCase> cases;

    private AutobahnResults(Map<String, AutobahnCase> cases) {
        this.cases = cases;
    }

    /** Parses {@code index.json} of a fuzzing client run (one agent). */
    public static AutobahnResults readReport(Path indexJson) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(indexJson.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Autobahn report " + indexJson + ": " + e.getMessage(), e);
        }
        Map<String, AutobahnCase> cases = new TreeMap<>(AutobahnCase.ID_ORDER);
        Iterator<JsonNode> agents = root.elements();
        while (agents.hasNext()) {
            agents.next().fields().forEachRemaining(entry -> {
                JsonNode result = entry.getValue();
                cases.put(entry.getKey(), new AutobahnCase(entry.getKey(), result.path("behavior").asText("?"),
                        result.path("behaviorClose").asText("?")));
            });
        }
        return new AutobahnResults(cases);
    }

    /** Parses the expected-results file: one case a line (id, behaviour, closing result), # comments. */
    public static AutobahnResults readExpected(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("expected-results file not found: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, AutobahnCase> cases = new TreeMap<>(AutobahnCase.ID_ORDER);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            if (fields.length != 3) {
                throw new IllegalArgumentException(file + " line " + (n + 1)
                        + ": expected 3 tab-separated fields (id, behaviour, closing result), got: " + line);
            }
            cases.put(fields[0], new AutobahnCase(fields[0], fields[1], fields[2]));
        }
        return new AutobahnResults(cases);
    }

    public Map<String, AutobahnCase> cases() {
        return cases;
    }

    /** Every case whose result differs from {@code expected}, one readable line each; empty when equal. */
    public List<String> differencesFrom(AutobahnResults expected) {
        Map<String, String> all = new TreeMap<>(AutobahnCase.ID_ORDER);
        expected.cases.forEach((id, want) -> {
            AutobahnCase got = cases.get(id);
            if (got == null) {
                all.put(id, id + ": expected " + want.behaviour() + "/" + want.closeBehaviour() + ", not run");
            } else if (!got.equals(want)) {
                all.put(id, id + ": expected " + want.behaviour() + "/" + want.closeBehaviour()
                        + ", got " + got.behaviour() + "/" + got.closeBehaviour());
            }
        });
        cases.forEach((id, got) -> {
            if (!expected.cases.containsKey(id)) {
                all.put(id, id + ": not in the expected results, got " + got.behaviour() + "/"
                        + got.closeBehaviour());
            }
        });
        return new ArrayList<>(all.values());
    }

    /**
     * Cases expected to close OK whose close the suite cut short itself (UNCLEAN: its kill timer
     * fired before our close frame arrived), which happens when the machine is overloaded.
     */
    public List<String> uncleanClosesAgainst(AutobahnResults expected) {
        List<String> ids = new ArrayList<>();
        cases.forEach((id, got) -> {
            AutobahnCase want = expected.cases.get(id);
            if (want != null && got.closeBehaviour().equals("UNCLEAN") && want.closeBehaviour().equals("OK")
                    && got.behaviour().equals(want.behaviour())) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** These results with every case of {@code rerun} replaced by its new result. */
    public AutobahnResults replacedBy(AutobahnResults rerun) {
        Map<String, AutobahnCase> merged = new TreeMap<>(AutobahnCase.ID_ORDER);
        merged.putAll(cases);
        merged.putAll(rerun.cases);
        return new AutobahnResults(merged);
    }

    /** {@code autobahn: <cases> cases, <ok> OK, <n> NON-STRICT, <f> FAILED, <c> closing OK}, plus any others. */
    public String summary() {
        Map<String, Integer> behaviours = new LinkedHashMap<>();
        int closingOk = 0;
        for (AutobahnCase c : cases.values()) {
            behaviours.merge(c.behaviour(), 1, Integer::sum);
            if (c.closeBehaviour().equals("OK")) {
                closingOk++;
            }
        }
        StringBuilder line = new StringBuilder("autobahn: ").append(cases.size()).append(" cases, ")
                .append(behaviours.getOrDefault("OK", 0)).append(" OK, ")
                .append(behaviours.getOrDefault("NON-STRICT", 0)).append(" NON-STRICT, ")
                .append(behaviours.getOrDefault("FAILED", 0)).append(" FAILED, ")
                .append(closingOk).append(" closing OK");
        behaviours.forEach((behaviour, count) -> {
            if (!List.of("OK", "NON-STRICT", "FAILED").contains(behaviour)) {
                line.append(", ").append(count).append(' ').append(behaviour);
            }
        });
        return line.toString();
    }

    /** The expected-results file for these results (to record a new baseline deliberately). */
    public String toExpectedFile() {
        StringBuilder text = new StringBuilder();
        cases.values().forEach(c -> text.append(c.line()).append('\n'));
        return text.toString();
    }
}
