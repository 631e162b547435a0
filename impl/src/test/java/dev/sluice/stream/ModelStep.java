package dev.sluice.stream;

import static org.quicktheories.generators.SourceDSL.integers;

import dev.sluice.protocol.FrameType;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * One step of {@link StreamStateMachineProperties}: an action of the application or of the peer,
 * with its argument. Steps that depend on the state reached (how much the peer may still send)
 * take their figure from {@code arg} modulo what the state allows, so that any sequence runs.
 */
record ModelStep(Kind kind, int arg) {
    enum Kind {
        APP_WRITE, APP_REQUEST, APP_CLOSE_WRITE, APP_ABORT_WRITE, APP_CANCEL_READ,
        PEER_DATA, PEER_CREDIT, PEER_FIN, PEER_RESET, PEER_STOP, PEER_BEYOND_CREDIT, PEER_AFTER_END
    }

    private static final FrameType[] AFTER_END = {FrameType.DATA, FrameType.FIN, FrameType.RESET};

    /** The steps, weighted as the model-based property has always weighted them. */
    @SuppressWarnings("unchecked")
    static Gen<ModelStep> steps() {
        Gen<Integer> codes = integers().between(0, 1000);
        return Generate.frequency(
                Pair.of(4, step(Kind.APP_WRITE, integers().between(0, 120))),
                Pair.of(4, step(Kind.APP_REQUEST, integers().between(1, 4))),
                Pair.of(1, step(Kind.APP_CLOSE_WRITE, Generate.constant(0))),
                Pair.of(1, step(Kind.APP_ABORT_WRITE, codes)),
                Pair.of(1, step(Kind.APP_CANCEL_READ, codes)),
                Pair.of(4, step(Kind.PEER_DATA, integers().between(0, 50))),
                Pair.of(3, step(Kind.PEER_CREDIT, integers().between(1, 80))),
                Pair.of(1, step(Kind.PEER_FIN, Generate.constant(0))),
                Pair.of(1, step(Kind.PEER_RESET, codes)),
                Pair.of(1, step(Kind.PEER_STOP, codes)),
                Pair.of(1, step(Kind.PEER_BEYOND_CREDIT, integers().between(1, 5))),
                Pair.of(1, step(Kind.PEER_AFTER_END, integers().between(0, AFTER_END.length - 1))));
    }

    private static Gen<ModelStep> step(Kind kind, Gen<Integer> args) {
        return args.map(arg -> new ModelStep(kind, arg));
    }

    /** Whether this step is legal in the state reached; one that is not is skipped. */
    boolean applies(StreamModelHarness h) {
        return switch (kind) {
            case APP_WRITE, APP_REQUEST, APP_CLOSE_WRITE, APP_ABORT_WRITE, APP_CANCEL_READ -> true;
            case PEER_CREDIT, PEER_STOP -> !h.dead;
            case PEER_DATA, PEER_FIN, PEER_RESET, PEER_BEYOND_CREDIT -> !h.dead && !h.peerEnded();
            case PEER_AFTER_END -> !h.dead && h.peerEnded();
        };
    }

    void apply(StreamModelHarness h) {
        switch (kind) {
            case APP_WRITE -> h.appWrite(arg);
            case APP_REQUEST -> h.appRequest(arg);
            case APP_CLOSE_WRITE -> h.appCloseWrite();
            case APP_ABORT_WRITE -> h.appAbortWrite(arg);
            case APP_CANCEL_READ -> h.appCancelRead(arg);
            case PEER_DATA -> h.peerData(peerBytes(h), null);
            case PEER_CREDIT -> h.peerCredit(arg);
            case PEER_FIN -> h.peerFin();
            case PEER_RESET -> h.peerReset(arg);
            case PEER_STOP -> h.peerStop(arg);
            case PEER_BEYOND_CREDIT -> h.peerData((int) (h.peerCreditAvailable() + arg), 4007);
            case PEER_AFTER_END -> h.peerFrameAfterEnd(AFTER_END[arg]);
        }
    }

    /** At most {@code arg} bytes, and never more than the credit the peer holds. */
    private int peerBytes(StreamModelHarness h) {
        return (int) Math.min(arg, Math.max(0, h.peerCreditAvailable()));
    }

    @Override
    public String toString() {
        return switch (kind) {
            case APP_WRITE -> "app writes " + arg;
            case APP_REQUEST -> "app requests " + arg;
            case APP_CLOSE_WRITE -> "app closes its write side";
            case APP_ABORT_WRITE -> "app aborts writing with " + arg;
            case APP_CANCEL_READ -> "app cancels reading with " + arg;
            case PEER_DATA -> "peer sends up to " + arg + " bytes within its credit";
            case PEER_CREDIT -> "peer grants " + arg;
            case PEER_FIN -> "peer sends FIN";
            case PEER_RESET -> "peer resets with " + arg;
            case PEER_STOP -> "peer stops with " + arg;
            case PEER_BEYOND_CREDIT -> "peer sends " + arg + " bytes beyond its credit";
            case PEER_AFTER_END -> "peer sends " + AFTER_END[arg] + " after ending";
        };
    }
}
