package org.imlbench.hf.hub;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A model repository on the hub and the revision wanted: {@code facebook/opt-125m} or
 * {@code facebook/opt-125m@<branch, tag or commit>}.
 *
 * @param repo {@code owner/name} (or a bare legacy name such as {@code gpt2})
 * @param revision the branch, tag or commit; {@code main} by default
 */
public record RepoId(String repo, String revision) {
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}");
    private static final Pattern REVISION = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    /** Validates the parts so they are safe as cache path components. */
    public RepoId {
        String[] parts = repo.split("/", -1);
        if (parts.length > 2 || !Arrays.stream(parts).allMatch(p -> PART.matcher(p).matches()
                && !p.contains(".."))) {
            throw new IllegalArgumentException("'" + repo + "' is not a hub repository id (owner/name)");
        }
        if (!REVISION.matcher(revision).matches() || revision.contains("..")) {
            throw new IllegalArgumentException("'" + revision + "' is not a valid revision");
        }
    }

    /**
     * @param spec {@code owner/name} or {@code owner/name@revision}
     * @return the id
     * @throws IllegalArgumentException when spec is not an id
     */
    public static RepoId parse(String spec) {
        int at = spec.lastIndexOf('@');
        return at < 0 ? new RepoId(spec, "main") : new RepoId(spec.substring(0, at), spec.substring(at + 1));
    }

    /**
     * @param spec a string
     * @return whether it is an {@code owner/name[@revision]} id
     */
    public static boolean looksLikeRepoId(String spec) {
        if (!spec.contains("/") || spec.startsWith("/") || spec.startsWith(".")) {
            return false;
        }
        try {
            parse(spec);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** @return whether the revision is a full commit hash (the cache then needs no ref) */
    public boolean revisionIsCommit() {
        return COMMIT.matcher(revision).matches();
    }

    @Override
    public String toString() {
        return repo + "@" + revision;
    }
}
