package dev.sluice.chaos.process;

/** The POSIX signals process faults send, by the name {@code kill -s} takes. */
public enum Signal {
    /** Ends the process at once; it gets no chance to clean up or say goodbye to its peers. */
    KILL,
    /** Freezes the process: its sockets stay open but nothing answers, as in a long GC pause. */
    STOP,
    /** Thaws a frozen process. */
    CONT;

    String killArgument() {
        return name();
    }
}
