package dev.sluice.bench.ab;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds the benchmark jar of a git revision, once per commit id: a detached git worktree under
 * {@code target/bench-revisions/<commit>/src}, {@code mvn package} of the bench module and what it
 * needs there, the jar kept as {@code target/bench-revisions/<commit>/sluice-bench.jar} and the
 * worktree removed again. A lock file per commit keeps two runs from building the same commit at
 * once; worktrees left behind by a run that died are removed when nobody holds their lock.
 */
public final class Revisions {
    public static final String CACHE = "target/bench-revisions";
    private static final long BUILD_TIMEOUT_MINUTES = 20;
    private static final long GIT_TIMEOUT_SECONDS = 120;

    private final Path repo;
    private final Path cache;
    private final PrintStream progress;

    public Revisions(Path repo, PrintStream progress) {
        this.repo = repo.toAbsolutePath().normalize();
        this.cache = this.repo.resolve(CACHE);
        this.progress = progress;
    }

    /** The full commit id {@code revision} names; fails with git's message when it names none. */
    public String commitOf(String revision) throws IOException, InterruptedException {
        return git("rev-parse", "--verify", "--quiet", revision + "^{commit}").trim();
    }

    /** True when the working tree has changes that are not committed (tracked files only). */
    public boolean workingTreeDirty() throws IOException, InterruptedException {
        return !git("status", "--porcelain", "--untracked-files=no").isBlank();
    }

    /** The benchmark jar built from {@code commit}, building it first when it is not cached. */
    public Path jarFor(String commit) throws IOException, InterruptedException {
        Path dir = cache.resolve(commit);
        Path jar = dir.resolve("sluice-bench.jar");
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        Files.createDirectories(dir);
        try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
            if (Files.isRegularFile(jar)) {
                return jar; // another run built it while we waited
            }
            build(commit, dir, jar);
        }
        return jar;
    }

    /** Removes worktrees under the cache that a run which died left behind (their lock is free). */
    public void removeStaleWorktrees() throws IOException, InterruptedException {
        if (!Files.isDirectory(cache)) {
            return;
        }
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(cache)) {
            entries.forEach(dirs::add);
        }
        for (Path dir : dirs) {
            Path tree = dir.resolve("src");
            if (!Files.isDirectory(tree)) {
                continue;
            }
            try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = lockFile.tryLock()) {
                if (lock != null) {
                    progress.println("compare: removing a worktree a previous run left behind: " + tree);
                    removeWorktree(tree);
                }
            }
        }
    }

    private void build(String commit, Path dir, Path jar) throws IOException, InterruptedException {
        Path tree = dir.resolve("src");
        Path log = dir.resolve("build.log");
        removeWorktree(tree);
        progress.printf("compare: building %s in a worktree (%s; log %s)%n", commit.substring(0, 12), tree, log);
        long started = System.nanoTime();
        git("worktree", "add", "--detach", tree.toString(), commit);
        try {
            // only what the jar needs: no test compilation (-Dmaven.test.skip also skips impl's test jar)
            Process mvn = new ProcessBuilder("mvn", "-B", "-q", "-Dmaven.test.skip=true", "-Pbench-jar", "-pl", "bench",
                    "-am", "package")
                    .directory(tree.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!mvn.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                mvn.destroyForcibly();
                throw new IOException("building " + commit + " took longer than " + BUILD_TIMEOUT_MINUTES
                        + " min; see " + log);
            }
            Path built = tree.resolve("bench/target/sluice-bench.jar");
            if (mvn.exitValue() != 0 || !Files.isRegularFile(built)) {
                throw new IOException("building the bench jar of " + commit + " failed (mvn exit " + mvn.exitValue()
                        + "); see " + log);
            }
            Path partial = dir.resolve("sluice-bench.jar.partial");
            Files.copy(built, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE);
            progress.printf("compare: built %s in %.0f s%n", commit.substring(0, 12),
                    (System.nanoTime() - started) / 1e9);
        } finally {
            removeWorktree(tree);
        }
    }

    /** Removes a worktree of ours: through git when it knows it, else the directory; then prunes. */
    private void removeWorktree(Path tree) throws IOException, InterruptedException {
        if (!tree.toAbsolutePath().normalize().startsWith(cache)) {
            throw new IllegalArgumentException("refusing to remove " + tree + ": not under " + cache);
        }
        if (Files.exists(tree)) {
            try {
                git("worktree", "remove", "--force", tree.toString());
            } catch (IOException e) {
                deleteRecursively(tree);
            }
        }
        git("worktree", "prune");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private String git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = git.getInputStream().readAllBytes();
        if (!git.waitFor(GIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            git.destroyForcibly();
            throw new IOException("git " + String.join(" ", args) + " did not finish within " + GIT_TIMEOUT_SECONDS
                    + " s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (git.exitValue() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed (exit " + git.exitValue() + ")"
                    + (text.isBlank() ? "" : ": " + text.trim()));
        }
        return text;
    }
}
