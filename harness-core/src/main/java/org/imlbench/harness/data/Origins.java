package org.imlbench.harness.data;

/** Chooses where a download's files come from. */
public final class Origins {
    private Origins() {
    }

    /**
     * @param mirror the {@code --from} URL, or null for GitHub
     * @param githubApi another GitHub REST API URL, or null for GitHub's
     * @param githubRaw another raw file URL, or null for GitHub's
     * @return the origin
     */
    public static Origin of(String mirror, String githubApi, String githubRaw) {
        if (mirror != null) {
            return new Mirror(mirror);
        }
        return new GitHub(githubApi != null ? githubApi : GitHub.PUBLIC.api(),
                githubRaw != null ? githubRaw : GitHub.PUBLIC.raw());
    }
}
