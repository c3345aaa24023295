package org.imlbench.reports.allure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Identifiers of Allure results. History and test case ids depend only on the split and task, so that Allure links a
 * task's results across runs (trends, history); uuids also depend on the run, so that each run's results are distinct
 * yet the same run always writes the same files.
 */
public final class StableIds {
    private StableIds() {
    }

    /**
     * The id Allure's history follows.
     *
     * @param split the split
     * @param task the task id
     * @return an MD5 hex digest of the split and task
     */
    public static String historyId(String split, String task) {
        return md5Hex(split + "\n" + task);
    }

    /**
     * A result's uuid.
     *
     * @param runId the run
     * @param parts what the uuid names (split, task, role, ...)
     * @return a name-based uuid
     */
    public static String uuid(String runId, String... parts) {
        return UUID.nameUUIDFromBytes((runId + "\n" + String.join("\n", parts)).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }
}
