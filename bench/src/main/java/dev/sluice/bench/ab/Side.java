package dev.sluice.bench.ab;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

/**
 * One side of a comparison: the revision it was built from and how to start its processes.
 *
 * @param role      "baseline" or "candidate"
 * @param revision  what the user named (a revision, or "working tree")
 * @param commit    the commit id it resolved to ("+ uncommitted changes" appended when dirty)
 * @param classPath the shared bench classes, then this side's jar (transport and dependencies)
 * @param env       environment changes for this side's processes (value "" removes a variable)
 */
public record Side(String role, String revision, String commit, String classPath, Map<String, String> env) {
    public static final String BASELINE = "baseline";
    public static final String CANDIDATE = "candidate";

    static Side of(String role, String revision, String commit, Path benchClasses, Path jar, Map<String, String> env) {
        return new Side(role, revision, commit, benchClasses + File.pathSeparator + jar, env);
    }
}
