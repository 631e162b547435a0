package dev.sluice.harness.scenario;

/** The proxy stops accepting and drops its connections (Toxiproxy "disable"); heal enables it again. */
public final class ProxyDisabledFault implements Fault {
    @Override
    public String describe() {
        return "proxy disabled";
    }

    @Override
    public void start(FaultTargets targets) throws Exception {
        targets.proxy().disable();
    }

    @Override
    public void heal(FaultTargets targets) throws Exception {
        targets.proxy().enable();
    }
}
