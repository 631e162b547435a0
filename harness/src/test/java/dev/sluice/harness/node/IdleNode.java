package dev.sluice.harness.node;

import java.util.concurrent.CountDownLatch;

/** A node that reports ready, answers "ping" on stdin, and otherwise waits forever. */
public final class IdleNode {
    private IdleNode() {
    }

    public static void main(String[] args) throws InterruptedException {
        ParentWatch.onCommand("ping", () -> {
            System.out.println("{\"event\":\"pong\"}");
            System.out.flush();
        });
        ParentWatch.installFromEnvironment();
        System.out.println("not json: a log line");
        System.out.println("{\"event\":\"ready\",\"pid\":" + ProcessHandle.current().pid() + "}");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
