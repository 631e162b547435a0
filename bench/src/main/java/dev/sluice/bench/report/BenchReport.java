package dev.sluice.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Everything one {@code run} measured: the raw runs (one per scenario, target and round), the
 * figures and ratios derived from them, and notes on what was skipped and why.
 */
public record BenchReport(int schema, boolean quick, String startedAt, String finishedAt,
                          Map<String, Object> environment, Map<String, Object> plan, List<JsonNode> runs,
                          List<Figure> figures, List<String> notes) {
    public static final int SCHEMA = 1;
}
