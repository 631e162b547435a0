package dev.sluice.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A change the proxy cannot carry out within its apply timeout answers 500 with the reason, in
 * Toxiproxy's error body, instead of a success for something that has not happened. The test
 * keeps the only connection loop (or the accept loop) busy so that the change cannot run.
 */
class ApplyTimeoutTest {
    private static final Duration APPLY_TIMEOUT = Duration.ofMillis(300);
    /** Liveness bound of a blocked loop, in case a test fails before releasing it. */
    private static final long BLOCK_AT_MOST_MILLIS = 30_000;
    private static final String LAGGING = " within 300 ms (their event loop is busy); they will when it frees up";

    private LoopbackServer upstream;
    private OwnedLoops loops;
    private RawApi raw;
    private Proxy proxy;

    @BeforeEach
    void start() throws IOException {
        upstream = LoopbackServer.echo();
        loops = new OwnedLoops(APPLY_TIMEOUT);
        raw = loops.raw();
        proxy = loops.client().createProxy("db", "127.0.0.1:0", upstream.address());
    }

    @AfterEach
    void stop() throws IOException {
        loops.close();
        upstream.close();
    }

    @Test
    void aToxicNoOpenConnectionCouldTakeAnswers500WithTheReason() throws Exception {
        try (TestClient client = warmClient()) {
            long start = System.nanoTime();
            LoopBlocker busy = LoopBlocker.block(loops.connectionLoop(), BLOCK_AT_MOST_MILLIS);
            RawApi.Answer answer;
            try {
                answer = raw.send("POST", "/proxies/db/toxics",
                        "{\"name\":\"slow\",\"type\":\"latency\",\"attributes\":{\"latency\":200}}");
            } finally {
                busy.release();
            }

            assertThat(answer).isEqualTo(new RawApi.Answer(500,
                    RawApi.error(500, "proxy db: 1 of 1 open connections did not add toxic slow" + LAGGING)));
            assertThat(TestClient.millisSince(start)).isGreaterThanOrEqualTo(APPLY_TIMEOUT.toMillis());
            // The toxic stays configured and reaches the connection once its loop is free.
            assertThat(proxy.toxics().getAll()).extracting(Toxic::getName).containsExactly("slow");
            long roundTrip = System.nanoTime();
            client.send("x");
            client.readExactly(1);
            assertThat(TestClient.millisSince(roundTrip)).isGreaterThanOrEqualTo(200);
        }
    }

    @Test
    void theJavaClientSeesTheReasonAsAnIoException() throws Exception {
        try (TestClient client = warmClient()) {
            LoopBlocker busy = LoopBlocker.block(loops.connectionLoop(), BLOCK_AT_MOST_MILLIS);
            try {
                assertThatThrownBy(() -> proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 100))
                        .isInstanceOf(IOException.class)
                        .hasMessage("[500] proxy db: 1 of 1 open connections did not add toxic slow" + LAGGING);
            } finally {
                busy.release();
            }
            assertThat(client.socket().isConnected()).isTrue();
        }
    }

    @Test
    void updatingAndRemovingAToxicAreHeldToTheSameTimeout() throws Exception {
        proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 10);
        try (TestClient client = warmClient()) {
            LoopBlocker busy = LoopBlocker.block(loops.connectionLoop(), BLOCK_AT_MOST_MILLIS);
            try {
                assertThat(raw.send("POST", "/proxies/db/toxics/slow", "{\"attributes\":{\"latency\":20}}"))
                        .isEqualTo(new RawApi.Answer(500, RawApi.error(500,
                                "proxy db: 1 of 1 open connections did not update toxic slow" + LAGGING)));
                assertThat(raw.send("DELETE", "/proxies/db/toxics/slow", null))
                        .isEqualTo(new RawApi.Answer(500, RawApi.error(500,
                                "proxy db: 1 of 1 open connections did not remove toxic slow" + LAGGING)));
            } finally {
                busy.release();
            }
            // Both changes still reach the connection: the toxic is gone and data flows.
            assertThat(proxy.toxics().getAll()).isEmpty();
            client.send("x");
            assertThat(client.readExactly(1)).containsExactly('x');
        }
    }

    @Test
    void aDisableWhoseConnectionsCannotCloseInTimeAnswers500() throws Exception {
        try (TestClient client = warmClient()) {
            LoopBlocker busy = LoopBlocker.block(loops.connectionLoop(), BLOCK_AT_MOST_MILLIS);
            try {
                assertThat(raw.send("POST", "/proxies/db", "{\"enabled\":false}"))
                        .isEqualTo(new RawApi.Answer(500,
                                RawApi.error(500, "proxy db: 1 of 1 open connections did not close" + LAGGING)));
            } finally {
                busy.release();
            }
            assertThat(client.readToEnd(5_000)).isEqualTo(TestClient.Ending.EOF);
            assertThat(loops.client().getProxy("db").isEnabled()).isFalse();
        }
    }

    @Test
    void aDisableWhoseListenerCannotCloseInTimeAnswers500() throws Exception {
        LoopBlocker busy = LoopBlocker.block(loops.acceptLoop(), BLOCK_AT_MOST_MILLIS);
        try {
            assertThat(raw.send("DELETE", "/proxies/db", null)).isEqualTo(new RawApi.Answer(500,
                    RawApi.error(500, "proxy db: the listener did not close within 300 ms (its event loop is busy)")));
        } finally {
            busy.release();
        }
    }

    @Test
    void withNoOpenConnectionABusyLoopDelaysNothing() throws Exception {
        LoopBlocker busy = LoopBlocker.block(loops.connectionLoop(), BLOCK_AT_MOST_MILLIS);
        try {
            proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 100);
        } finally {
            busy.release();
        }
        assertThat(proxy.toxics().getAll()).extracting(Toxic::getName).containsExactly("slow");
    }

    private TestClient warmClient() throws IOException {
        TestClient client = new TestClient(proxy.getListen());
        client.send("w");
        client.readExactly(1);
        return client;
    }
}
