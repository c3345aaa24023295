package org.imlbench.torchrun;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one line that says why a torchrun job failed, found in the shared stderr of its ranks and launcher. A rank that
 * fails writes {@code trainer error (rank r): …} first; ranks that lose a peer then write {@code trainer error
 * (rank s): lost contact with another rank …}, and the launcher prints its own report with a traceback. A rank killed
 * outright (out of memory, {@code kill -9}) writes nothing; the launcher's report names it with the signal.
 *
 * <p>In order of preference: the first trainer error that is not a lost contact, a rank the launcher reports killed
 * by a signal, the first trainer error of any kind, the last line of a Python exception.
 */
final class FailureLine {
    private static final String PREFIX = "trainer error (rank ";
    private static final String LOST = "lost contact with another rank";
    private static final Pattern RANK = Pattern.compile("^\\s*rank\\s*:\\s*(\\d+)");
    private static final Pattern SIGNAL = Pattern.compile("^\\s*traceback\\s*:\\s*Signal (\\d+) \\((\\w+)\\)");
    private static final Pattern EXCEPTION = Pattern.compile("^[A-Za-z_][\\w.]*(Error|Exception): .+");

    private FailureLine() {
    }

    /**
     * @param stderr the job's stderr, whole
     * @return the line, if the output names a cause
     */
    static Optional<String> of(String stderr) {
        List<String> lines = stderr.lines().toList();
        List<String> errors = lines.stream().filter(l -> l.startsWith(PREFIX)).toList();
        Optional<String> own = errors.stream().filter(l -> !l.contains(LOST)).findFirst();
        if (own.isPresent()) {
            return own;
        }
        Optional<String> killed = killedRank(lines);
        if (killed.isPresent()) {
            return killed;
        }
        if (!errors.isEmpty()) {
            return Optional.of(errors.get(0));
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (EXCEPTION.matcher(lines.get(i).strip()).matches()) {
                return Optional.of(lines.get(i).strip());
            }
        }
        return Optional.empty();
    }

    /** A failure entry of the launcher's report whose rank ended on a signal. */
    private static Optional<String> killedRank(List<String> lines) {
        String rank = null;
        for (String line : lines) {
            Matcher r = RANK.matcher(line);
            if (r.find()) {
                rank = r.group(1);
                continue;
            }
            Matcher s = SIGNAL.matcher(line);
            if (s.find() && rank != null) {
                return Optional.of(PREFIX + rank + "): killed by signal " + s.group(1) + " (" + s.group(2) + ")"
                        + ("9".equals(s.group(1)) ? ", e.g. kill -9 or the kernel's out-of-memory killer" : ""));
            }
        }
        return Optional.empty();
    }
}
