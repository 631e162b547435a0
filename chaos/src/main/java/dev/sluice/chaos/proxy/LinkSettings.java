package dev.sluice.chaos.proxy;

import dev.sluice.chaos.random.DecisionListener;

/** What a link needs from its proxy and server: its random scope and its back-pressure marks. */
record LinkSettings(String scope, long seed, DecisionListener decisions, long highWaterBytes, long lowWaterBytes) {
}
