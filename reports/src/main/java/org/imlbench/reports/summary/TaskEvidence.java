package org.imlbench.reports.summary;

import java.util.Map;
import java.util.TreeMap;
import org.imlbench.reports.run.DoneRecord;
import org.imlbench.reports.run.TaskFile;

/** Everything the run directory holds about one task of one split: each role's sample file and done record. */
final class TaskEvidence {
    final String split;
    final String task;
    final Map<String, TaskFile> files = new TreeMap<>();
    final Map<String, DoneRecord> done = new TreeMap<>();

    TaskEvidence(String split, String task) {
        this.split = split;
        this.task = task;
    }

    /** The task's category, from its sample lines or else its done records. */
    String category() {
        for (TaskFile file : files.values()) {
            return file.category();
        }
        return done.values().stream().map(DoneRecord::category).filter(c -> c != null && !c.isBlank())
                .findFirst().orElse("(unknown category)");
    }

    /** The task's benchmark, from its sample lines or else its done records. */
    String source() {
        for (TaskFile file : files.values()) {
            return file.source();
        }
        return done.values().stream().map(DoneRecord::source).filter(s -> s != null && !s.isBlank())
                .findFirst().orElse("unknown");
    }
}
