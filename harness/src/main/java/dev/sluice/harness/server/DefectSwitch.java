package dev.sluice.harness.server;

import dev.sluice.harness.scenario.SluiceNodeFactory;

/** Arms a server defect only with the flag AND the consent variable; says why otherwise. */
final class DefectSwitch {
    private DefectSwitch() {
    }

    static boolean arm(String name) {
        if (!SluiceNodeFactory.DEFECTS_CONSENT.equals(System.getenv(SluiceNodeFactory.DEFECTS_ENV))) {
            System.err.println("server: --server-defect " + name + " refused: set " + SluiceNodeFactory.DEFECTS_ENV
                    + "=" + SluiceNodeFactory.DEFECTS_CONSENT + " to break the server on purpose");
            return false;
        }
        System.err.println("server: no defect named '" + name + "' is available yet");
        return false;
    }
}
