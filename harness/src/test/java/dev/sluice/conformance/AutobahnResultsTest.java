package dev.sluice.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutobahnResultsTest {
    @TempDir
    Path dir;

    @Test
    void summaryCountsBehavioursAndClosingResults() throws URISyntaxException {
        assertThat(report().summary()).isEqualTo(
                "autobahn: 4 cases, 2 OK, 1 NON-STRICT, 0 FAILED, 2 closing OK, 1 INFORMATIONAL");
    }

    @Test
    void reportRoundTripsThroughTheExpectedFileInNumericOrder() throws IOException, URISyntaxException {
        Path expected = dir.resolve("expected.txt");
        Files.writeString(expected, "# comment\n" + report().toExpectedFile());
        assertThat(Files.readAllLines(expected)).containsExactly("# comment", "1.1.1\tOK\tOK",
                "6.4.3\tNON-STRICT\tOK", "7.13.1\tINFORMATIONAL\tINFORMATIONAL", "10.1.1\tOK\tWRONG CODE");
        assertThat(report().differencesFrom(AutobahnResults.readExpected(expected))).isEmpty();
    }

    @Test
    void everyDifferenceIsNamedByCase() throws IOException, URISyntaxException {
        Path expected = dir.resolve("expected.txt");
        Files.writeString(expected, "1.1.1\tOK\tOK\n6.4.3\tOK\tOK\n7.13.1\tINFORMATIONAL\tINFORMATIONAL\n"
                + "10.1.1\tOK\tOK\n9.1.1\tOK\tOK\n");
        assertThat(report().differencesFrom(AutobahnResults.readExpected(expected))).containsExactly(
                "6.4.3: expected OK/OK, got NON-STRICT/OK",
                "9.1.1: expected OK/OK, not run",
                "10.1.1: expected OK/OK, got OK/WRONG CODE");
    }

    @Test
    void uncleanClosesAreFoundAndARerunReplacesThem() throws IOException, URISyntaxException {
        Path expected = dir.resolve("expected.txt");
        Files.writeString(expected, "1.1.1\tOK\tOK\n6.4.3\tNON-STRICT\tOK\n7.13.1\tINFORMATIONAL\tINFORMATIONAL\n"
                + "10.1.1\tOK\tOK\n");
        Path rerunFile = dir.resolve("rerun.json");
        Files.writeString(rerunFile, "{\"agent\": {\"10.1.1\": {\"behavior\": \"OK\", \"behaviorClose\": \"OK\"}}}");
        Path uncleanFile = dir.resolve("unclean.json");
        Files.writeString(uncleanFile, "{\"agent\": {\"1.1.1\": {\"behavior\": \"OK\", \"behaviorClose\": \"UNCLEAN\"},"
                + " \"10.1.1\": {\"behavior\": \"OK\", \"behaviorClose\": \"WRONG CODE\"}}}");
        AutobahnResults want = AutobahnResults.readExpected(expected);
        assertThat(AutobahnResults.readReport(uncleanFile).uncleanClosesAgainst(want)).containsExactly("1.1.1");
        AutobahnResults merged = report().replacedBy(AutobahnResults.readReport(rerunFile));
        assertThat(merged.differencesFrom(want)).isEmpty();
    }

    @Test
    void committedExpectationsCoverEveryCaseExceptCompression() {
        AutobahnResults expected = AutobahnResults.readExpected(Path.of("conformance/autobahn-expected.txt"));
        assertThat(expected.cases()).hasSize(301);
        assertThat(expected.cases().keySet()).noneMatch(id -> id.startsWith("12.") || id.startsWith("13."));
        assertThat(expected.cases().values()).allMatch(c -> !c.behaviour().equals("NON-STRICT")
                && !c.behaviour().equals("FAILED"));
    }

    private static AutobahnResults report() throws URISyntaxException {
        return AutobahnResults.readReport(Path.of(AutobahnResultsTest.class.getResource("/autobahn/index.json").toURI()));
    }
}
