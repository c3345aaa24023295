package org.imlbench.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The training examples of a {@link TuningRequest}, grouped by task and read on demand, never as one list: at
 * OPT-IML Bench scale the training split holds millions of rendered prompts, far more than a heap should hold, and a
 * tuner draws only the examples its steps need. The harness hands backends a file-backed implementation;
 * {@link #of(List)} holds a few examples in memory (tests, small tools).
 *
 * <p>Implementations are immutable and safe to read from several threads.
 */
public interface TrainingExamples {
    /**
     * One task's share of the examples.
     *
     * @param taskId the task
     * @param count how many examples it has, at least 1
     */
    record TaskExamples(String taskId, int count) {
        /** Checks the invariants. */
        public TaskExamples {
            Objects.requireNonNull(taskId, "taskId");
            if (count < 1) {
                throw new IllegalArgumentException("task " + taskId + " has no training example");
            }
        }
    }

    /** @return every task with examples, in a fixed order (the harness's: load order), each with its count */
    List<TaskExamples> tasks();

    /**
     * Reads one example.
     *
     * @param task the index of the task in {@link #tasks()}
     * @param index the example's index within its task, {@code 0 <= index < count}
     * @return the example
     * @throws IOException when the backing store cannot be read
     */
    TrainingExample get(int task, int index) throws IOException;

    /**
     * A digest of every example, in task order then example order, that two sets of examples share only when they are
     * equal; a resumed tuning run checks it to refuse changed data.
     *
     * @return a hex SHA-256
     */
    String fingerprint();

    /** @return how many examples there are in all */
    default long size() {
        return tasks().stream().mapToLong(TaskExamples::count).sum();
    }

    /**
     * Holds examples in memory, grouped by task in order of first appearance.
     *
     * @param examples the examples
     * @return them as training examples
     * @throws IllegalArgumentException when there is none
     */
    static TrainingExamples of(List<TrainingExample> examples) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        Map<String, List<TrainingExample>> byTask = new LinkedHashMap<>();
        examples.forEach(e -> byTask.computeIfAbsent(e.taskId(), k -> new ArrayList<>()).add(e));
        List<TaskExamples> tasks = new ArrayList<>();
        List<List<TrainingExample>> lists = new ArrayList<>();
        Fingerprint digest = new Fingerprint();
        byTask.forEach((task, list) -> {
            tasks.add(new TaskExamples(task, list.size()));
            lists.add(List.copyOf(list));
            list.forEach(digest::add);
        });
        String fingerprint = digest.hex();
        List<TaskExamples> taskList = List.copyOf(tasks);
        return new TrainingExamples() {
            @Override
            public List<TaskExamples> tasks() {
                return taskList;
            }

            @Override
            public TrainingExample get(int task, int index) {
                return lists.get(task).get(index);
            }

            @Override
            public String fingerprint() {
                return fingerprint;
            }
        };
    }

    /**
     * The digest of {@link #fingerprint()}: SHA-256 over each example's task id, source and target, each as a 4-byte
     * length and UTF-8 bytes. Every implementation uses it, so equal examples give equal fingerprints whatever holds
     * them.
     */
    final class Fingerprint {
        private final MessageDigest digest;

        /** Starts an empty digest. */
        public Fingerprint() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK lacks SHA-256", e);
            }
        }

        /** @param example the next example, in task order then example order */
        public void add(TrainingExample example) {
            update(example.taskId());
            update(example.source());
            update(example.target());
        }

        private void update(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            int n = bytes.length;
            digest.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
            digest.update(bytes);
        }

        /** @return the digest so far, in hex; the digest cannot be used afterwards */
        public String hex() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
