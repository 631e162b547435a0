package dev.sluice.chaos.toxic;

import io.netty.buffer.ByteBuf;

import java.util.List;
import java.util.Map;

/**
 * Beyond Toxiproxy: cuts one direction only. When it starts, the receiving socket of its link is
 * half-closed (it reads end of stream) and every later byte in that direction is dropped, while
 * the other direction keeps flowing. Removing it cannot undo the half-close.
 */
final class CutToxic implements Toxic {
    static final ToxicKind KIND = new ToxicKind("cut", List.of(), CutToxic::new);

    private CutToxic(Map<String, Long> attributes) {
    }

    @Override
    public void onStart(ToxicContext context) {
        context.shutdownReceiver();
    }

    @Override
    public void onData(ToxicContext context, ByteBuf data) {
        context.drop(data);
    }
}
