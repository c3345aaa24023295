package org.imlbench.reports.summary;

import java.util.EnumMap;
import java.util.Map;
import org.imlbench.rundir.DoneRecord;
import org.imlbench.rundir.Role;
import org.imlbench.rundir.Split;
import org.imlbench.rundir.TaskFile;

/** Everything the run directory holds about one task of one split: each role's sample file and done record. */
final class TaskEvidence {
    final Split split;
    final String task;
    final Map<Role, TaskFile> files = new EnumMap<>(Role.class);
    final Map<Role, DoneRecord> done = new EnumMap<>(Role.class);

    TaskEvidence(Split split, String task) {
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
