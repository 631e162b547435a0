package dev.sluice.chaos.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProcessFaultsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final ProcessFaults faults = new ProcessFaults();
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void needsPosixSignalsAndProc() {
        assumeTrue(faults.supportsSignals(), "POSIX signals");
        assumeTrue(ProcessState.available(ProcessHandle.current().pid()), "/proc");
    }

    @AfterEach
    void killEverythingStarted() throws InterruptedException {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void freezeStopsTheProcessAndResumeLetsItRunAgain() throws IOException {
        Process sleeper = start("sleep", "60");

        faults.freeze(sleeper.toHandle());
        await("process stopped", () -> ProcessState.isStopped(sleeper.pid()));

        faults.resume(sleeper.toHandle());
        await("process running again", () -> !ProcessState.isStopped(sleeper.pid()));
        assertThat(sleeper.isAlive()).isTrue();
    }

    @Test
    void freezeAndResumeReachEveryDescendant() throws IOException {
        Process parent = start("sh", "-c", "sleep 60 & sleep 60 & wait");
        await("two children started", () -> parent.descendants().count() == 2);
        List<ProcessHandle> children = parent.descendants().toList();

        faults.freeze(parent.toHandle());
        await("parent and children stopped", () -> ProcessState.isStopped(parent.pid())
                && children.stream().allMatch(c -> ProcessState.isStopped(c.pid())));

        faults.resume(parent.toHandle());
        await("parent and children running", () -> !ProcessState.isStopped(parent.pid())
                && children.stream().noneMatch(c -> ProcessState.isStopped(c.pid())));
    }

    @Test
    void killEndsTheProcessAndItsDescendants() throws IOException, InterruptedException {
        Process parent = start("sh", "-c", "sleep 60 & sleep 60 & wait");
        await("two children started", () -> parent.descendants().count() == 2);
        List<ProcessHandle> children = parent.descendants().toList();

        faults.kill(parent.toHandle());

        assertThat(parent.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(parent.exitValue()).isEqualTo(128 + 9);
        await("children gone", () -> children.stream().noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void killOfAFrozenProcessStillEndsIt() throws IOException, InterruptedException {
        Process sleeper = start("sleep", "60");
        faults.freeze(sleeper.toHandle());
        await("process stopped", () -> ProcessState.isStopped(sleeper.pid()));

        faults.kill(sleeper.toHandle());

        assertThat(sleeper.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void signallingAProcessThatAlreadyExitedIsHarmless() throws IOException, InterruptedException {
        Process quick = start("true");
        assertThat(quick.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        faults.kill(quick.toHandle());
        faults.freeze(quick.toHandle());
        faults.resume(quick.toHandle());
    }

    @Test
    void freezeWithoutPosixSignalsSaysWhy() throws IOException {
        ProcessFaults windowsLike = new ProcessFaults(ProcessFaults.DEFAULT_SIGNAL_TIMEOUT, false);
        Process sleeper = start("sleep", "60");

        assertThatThrownBy(() -> windowsLike.freeze(sleeper.toHandle()))
                .isInstanceOf(ProcessFaultException.class)
                .hasMessageContaining("SIGSTOP")
                .hasMessageContaining("no POSIX signals");
        assertThatThrownBy(() -> windowsLike.resume(sleeper.toHandle()))
                .hasMessageContaining("SIGCONT");

        windowsLike.kill(sleeper.toHandle());
        await("killed without signals", () -> !sleeper.isAlive());
    }

    private Process start(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(process);
        return process;
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + DEADLINE + " waiting for: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what, e);
            }
        }
    }
}
