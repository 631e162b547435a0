package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.testsupport.PropertyRuns;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The model-based property of {@link StreamStateMachineProperties} run against a deliberately
 * broken sender, to show that it fails, how it reports the failure (seed, replay line, shrunk
 * counterexample), and that shrinking leaves only what matters. Not part of a mutation run: it
 * needs its full number of tries to find the defect.
 */
class CreditRuleShrinkingTest {

    /**
     * The deliberately broken credit rule (hooks whose {@link StreamHooks#ignoreCredit()} makes the
     * sender treat the peer's credit as unlimited) is caught, and shrinking strips the counterexample down to
     * application writes that add up to one byte more than the peer's window.
     */
    @Test
    void theBrokenCreditRuleIsCaughtAndShrunkToWritesOneByteBeyondTheWindow() {
        StreamHooks ignoreCredit = new StreamHooks() {
            @Override
            public boolean ignoreCredit() {
                return true;
            }
        };
        AssertionError failure = catchThrowableOfType(AssertionError.class, () -> PropertyRuns
                .tries(StreamStateMachineProperties.TRIES).forAll(StreamStateMachineProperties.sequences())
                .checkAssert(steps -> StreamStateMachineProperties.run(ignoreCredit, steps)));
        assertThat(failure).as("the model catches a sender that ignores credit").isNotNull();
        System.out.println("the broken credit rule, as the property reports it:");
        failure.getMessage().lines().filter(line -> !line.startsWith("\tat ")).limit(8).forEach(System.out::println);
        String smallest = failure.getMessage().lines().dropWhile(line -> !line.startsWith("smallest"))
                .skip(1).findFirst().orElseThrow();
        List<String> steps = List.of(smallest.substring(smallest.indexOf(": ") + 2).split("; "));
        assertThat(steps).as("the shrunk counterexample").allMatch(step -> step.startsWith("app writes "));
        int written = steps.stream().mapToInt(step -> Integer.parseInt(step.substring("app writes ".length()))).sum();
        assertThat(written).as("bytes written in the shrunk counterexample")
                .isEqualTo(StreamModelHarness.PEER_WINDOW + 1);
        assertThat(failure.getMessage()).contains("DATA within the peer's credit").contains("-Dsluice.pbt.seed=");
    }
}
