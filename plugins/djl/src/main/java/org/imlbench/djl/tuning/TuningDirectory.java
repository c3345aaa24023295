package org.imlbench.djl.tuning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.imlbench.files.AtomicFiles;
import org.imlbench.files.FileTrees;
import org.imlbench.files.IoErrors;

/**
 * The layout of a tuning run's output directory:
 * <pre>
 *   model/                   the tuned checkpoint (Hugging Face layout), written at the end
 *   state/step-00000100/     the latest resumable state: model/ (weights and tokenizer), exp_avg/, exp_avg_sq/,
 *                            master/ (mixed precision only) and state.json
 *   loss.png, loss.csv       the loss curve
 * </pre>
 * A state directory is assembled under a temporary name and renamed into place in one atomic move, so a process
 * killed at any moment leaves either the previous state or the new one, never a partial one.
 */
public final class TuningDirectory {
    private static final Pattern STEP_DIR = Pattern.compile("step-(\\d{8})");
    private final Path root;

    /** @param root the run's output directory */
    public TuningDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** @return the output directory */
    public Path root() {
        return root;
    }

    /** @return where the tuned checkpoint goes */
    public Path model() {
        return root.resolve("model");
    }

    /** @return the directory of resumable states */
    public Path states() {
        return root.resolve("state");
    }

    /** @return the loss curve picture */
    public Path lossPng() {
        return root.resolve("loss.png");
    }

    /** @return the loss curve values */
    public Path lossCsv() {
        return root.resolve("loss.csv");
    }

    /**
     * @return the newest complete state directory, if any
     * @throws IOException when the directory cannot be listed
     */
    public Optional<Path> latestState() throws IOException {
        if (!Files.isDirectory(states())) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(states())) {
            return dirs.filter(d -> STEP_DIR.matcher(d.getFileName().toString()).matches())
                    .filter(d -> Files.isRegularFile(d.resolve(RunState.FILE_NAME)))
                    .max(Comparator.comparing(d -> d.getFileName().toString()));
        }
    }

    /**
     * @param state a state directory
     * @return its step
     */
    public static int stepOf(Path state) {
        Matcher m = STEP_DIR.matcher(state.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(state + " is not a state directory");
        }
        return Integer.parseInt(m.group(1));
    }

    /**
     * Starts assembling a state: a fresh temporary directory next to where it will live.
     *
     * @return the temporary directory
     * @throws IOException when it cannot be created
     */
    public Path beginState() throws IOException {
        try {
            Files.createDirectories(states());
            return Files.createTempDirectory(states(), ".tmp-");
        } catch (IOException e) {
            throw IoErrors.naming(states(), "cannot create a state directory", e);
        }
    }

    /**
     * Moves an assembled state into place and deletes older states and abandoned temporary directories.
     *
     * @param assembled the directory from {@link #beginState}
     * @param step the step it holds
     * @return the final directory
     * @throws IOException when the move fails
     */
    public Path commitState(Path assembled, int step) throws IOException {
        Path target = states().resolve(String.format("step-%08d", step));
        try {
            if (Files.exists(target)) {
                FileTrees.deleteTree(target);
            }
            AtomicFiles.moveReplacing(assembled, target);
        } catch (IOException e) {
            throw IoErrors.naming(target, "cannot save the tuning state", e);
        }
        List<Path> stale = new ArrayList<>();
        try {
            try (Stream<Path> dirs = Files.list(states())) {
                dirs.filter(d -> !d.equals(target)).forEach(stale::add);
            }
            for (Path d : stale) {
                FileTrees.deleteTree(d);
            }
        } catch (IOException e) {
            throw IoErrors.naming(states(), "cannot delete older states", e);
        }
        return target;
    }

    /**
     * Publishes the tuned checkpoint: the files of a state's {@code model/} are hard-linked (or copied) into a
     * temporary directory that atomically replaces {@link #model()}.
     *
     * @param stateModel the {@code model/} directory of the final state
     * @return the published checkpoint directory
     * @throws IOException when copying fails
     */
    public Path publishModel(Path stateModel) throws IOException {
        try {
            Path temp = Files.createTempDirectory(root, ".model-tmp-");
            try (Stream<Path> files = Files.list(stateModel)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Path to = temp.resolve(f.getFileName().toString());
                    try {
                        Files.createLink(to, f);
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(f, to);
                    }
                }
            }
            if (Files.exists(model())) {
                Path old = Files.createTempDirectory(root, ".model-old-");
                Files.delete(old);
                AtomicFiles.moveReplacing(model(), old);
                AtomicFiles.moveReplacing(temp, model());
                FileTrees.deleteTree(old);
            } else {
                AtomicFiles.moveReplacing(temp, model());
            }
        } catch (IOException e) {
            throw IoErrors.naming(model(), "cannot publish the tuned checkpoint", e);
        }
        return model();
    }
}
