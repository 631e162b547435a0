package dev.sluice.stream;

import static org.quicktheories.generators.SourceDSL.lists;

import dev.sluice.testsupport.PropertyRuns;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Model-based: generated sequences of local actions (write, FIN, abort, cancel, read demand) and
 * peer frames (data, credit, FIN, reset, stop, and violations) run against one real stream and a
 * small reference model ({@link StreamModelHarness}). Checked after every step: bytes delivered in
 * order exactly once both ways, nothing after FIN or RESET, credit never negative nor above the
 * window, credit granted only for consumed bytes, terminal states absorb, no stall, and every
 * violation reported with its close code. A step whose precondition does not hold in the state
 * reached is skipped, so that shrinking can drop any step. {@link CreditRuleShrinkingTest} shows
 * the property catching a broken credit rule and shrinking the counterexample.
 */
class StreamStateMachineProperties {
    static final int TRIES = 200;

    @Test
    void streamMatchesTheReferenceModel() {
        PropertyRuns.tries(TRIES).forAll(sequences()).checkAssert(StreamStateMachineProperties::run);
    }

    static void run(List<ModelStep> steps) {
        run(StreamHooks.NONE, steps);
    }

    /** Runs {@code steps} against a multiplexer given {@code hooks} (a deliberately broken one, to see the model catch it). */
    static void run(StreamHooks hooks, List<ModelStep> steps) {
        StreamModelHarness harness = new StreamModelHarness(hooks);
        StringBuilder done = new StringBuilder();
        try {
            for (ModelStep step : steps) {
                if (step.applies(harness)) {
                    done.append(step).append("; ");
                    step.apply(harness);
                    harness.checkInvariants();
                }
            }
        } catch (AssertionError e) {
            throw new AssertionError("after the steps that applied: " + done + "state " + harness, e);
        } finally {
            harness.close();
        }
    }

    static Gen<List<ModelStep>> sequences() {
        return lists().of(ModelStep.steps()).ofSizeBetween(1, 40).describedAs(StreamStateMachineProperties::describe);
    }

    private static String describe(List<ModelStep> steps) {
        return steps.size() + (steps.size() == 1 ? " step: " : " steps: ")
                + String.join("; ", steps.stream().map(ModelStep::toString).toList());
    }
}
