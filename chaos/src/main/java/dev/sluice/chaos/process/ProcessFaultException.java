package dev.sluice.chaos.process;

/** A process fault could not be applied: the platform lacks POSIX signals, or the signal failed. */
public final class ProcessFaultException extends RuntimeException {
    public ProcessFaultException(String message) {
        super(message);
    }

    public ProcessFaultException(String message, Throwable cause) {
        super(message, cause);
    }
}
