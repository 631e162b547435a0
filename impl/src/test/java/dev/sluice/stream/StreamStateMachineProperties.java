package dev.sluice.stream;

import dev.sluice.protocol.FrameType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * Model-based: arbitrary sequences of local actions (write, FIN, abort, cancel, read demand) and
 * peer frames (data, credit, FIN, reset, stop, and violations) against a small reference model
 * ({@link StreamModelHarness}). Checked after every step: bytes delivered in order exactly once
 * both ways, nothing after FIN or RESET, credit never negative nor above the window, credit
 * granted only for consumed bytes, terminal states absorb, no stall, and every violation
 * reported with its close code.
 */
class StreamStateMachineProperties {

    @Property(tries = 200)
    void streamMatchesTheReferenceModel(@ForAll("chains") ActionChain<StreamModelHarness> chain) {
        try {
            chain.withInvariant("model invariants", StreamModelHarness::checkInvariants).run();
        } finally {
            chain.finalState().ifPresent(StreamModelHarness::close);
        }
    }

    @Provide
    Arbitrary<ActionChain<StreamModelHarness>> chains() {
        Arbitrary<Integer> codes = Arbitraries.integers().between(0, 1000);
        return ActionChain.startWith(StreamModelHarness::new)
                .withAction(4, independent(Arbitraries.integers().between(0, 120)
                        .map(n -> Transformer.mutate("app writes " + n, h -> h.appWrite(n)))))
                .withAction(4, independent(Arbitraries.integers().between(1, 4)
                        .map(n -> Transformer.mutate("app requests " + n, h -> h.appRequest(n)))))
                .withAction(1, Action.just("app closes its write side", h -> {
                    h.appCloseWrite();
                    return h;
                }))
                .withAction(1, independent(codes.map(c -> Transformer.mutate("app aborts writing with " + c,
                        h -> h.appAbortWrite(c)))))
                .withAction(1, independent(codes.map(c -> Transformer.mutate("app cancels reading with " + c,
                        h -> h.appCancelRead(c)))))
                .withAction(4, new Action.Dependent<>() {
                    @Override
                    public boolean precondition(StreamModelHarness h) {
                        return !h.dead && !h.peerEnded();
                    }

                    @Override
                    public Arbitrary<Transformer<StreamModelHarness>> transformer(StreamModelHarness h) {
                        int max = (int) Math.min(50, h.peerCreditAvailable());
                        return Arbitraries.integers().between(0, max)
                                .map(n -> Transformer.mutate("peer sends " + n + " bytes", m -> m.peerData(n, null)));
                    }
                })
                .withAction(3, peerAction(Arbitraries.integers().between(1, 80)
                        .map(n -> Transformer.mutate("peer grants " + n, h -> h.peerCredit(n)))))
                .withAction(1, peerOpenAction(Arbitraries.just(Transformer.mutate("peer sends FIN",
                        StreamModelHarness::peerFin))))
                .withAction(1, peerOpenAction(codes.map(c -> Transformer.mutate("peer resets with " + c,
                        h -> h.peerReset(c)))))
                .withAction(1, peerAction(codes.map(c -> Transformer.mutate("peer stops with " + c,
                        h -> h.peerStop(c)))))
                .withAction(1, new Action.Dependent<>() {
                    @Override
                    public boolean precondition(StreamModelHarness h) {
                        return !h.dead && !h.peerEnded();
                    }

                    @Override
                    public Arbitrary<Transformer<StreamModelHarness>> transformer(StreamModelHarness h) {
                        long credit = h.peerCreditAvailable();
                        return Arbitraries.integers().between(1, 5).map(extra -> Transformer.mutate(
                                "peer sends " + (credit + extra) + " bytes beyond its credit",
                                m -> m.peerData((int) (credit + extra), 4007)));
                    }
                })
                .withAction(1, new Action.Dependent<>() {
                    @Override
                    public boolean precondition(StreamModelHarness h) {
                        return !h.dead && h.peerEnded();
                    }

                    @Override
                    public Arbitrary<Transformer<StreamModelHarness>> transformer(StreamModelHarness h) {
                        return Arbitraries.of(FrameType.DATA, FrameType.FIN, FrameType.RESET).map(t ->
                                Transformer.mutate("peer sends " + t + " after ending", m -> m.peerFrameAfterEnd(t)));
                    }
                })
                .withMaxTransformations(40);
    }

    private static Action.Independent<StreamModelHarness> independent(Arbitrary<Transformer<StreamModelHarness>> t) {
        return () -> t;
    }

    /** A peer frame that is legal as long as the connection lives. */
    private static Action.Independent<StreamModelHarness> peerAction(Arbitrary<Transformer<StreamModelHarness>> t) {
        return new Action.Independent<>() {
            @Override
            public boolean precondition(StreamModelHarness h) {
                return !h.dead;
            }

            @Override
            public Arbitrary<Transformer<StreamModelHarness>> transformer() {
                return t;
            }
        };
    }

    /** A peer frame that is legal until the peer ended its direction. */
    private static Action.Independent<StreamModelHarness> peerOpenAction(Arbitrary<Transformer<StreamModelHarness>> t) {
        return new Action.Independent<>() {
            @Override
            public boolean precondition(StreamModelHarness h) {
                return !h.dead && !h.peerEnded();
            }

            @Override
            public Arbitrary<Transformer<StreamModelHarness>> transformer() {
                return t;
            }
        };
    }
}
