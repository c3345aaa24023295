package org.imlbench.hf.checkpoint;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.imlbench.files.FileTrees;
import org.imlbench.files.IoErrors;

/**
 * Writes an OPT checkpoint directory in Hugging Face layout, as {@code OPTForCausalLM.save_pretrained} does:
 * {@code config.json}, {@code model.safetensors} in float32 with {@code model.}-prefixed names (the tied lm_head is not
 * written), plus optional extra files such as the tokenizer's. Everything it writes reads back through
 * {@link Checkpoints#open}.
 *
 * <p>Writing is atomic: files go to a temporary sibling directory that is renamed into place at the end, so a
 * reader never sees a half-written checkpoint. An existing directory is replaced.
 *
 * @param config the configuration to write
 * @param extraFiles files copied into the checkpoint under their own names (e.g. vocab.json, merges.txt)
 * @param textFiles files written with the given UTF-8 content, by name (e.g. the byte tokenizer's JSON)
 */
public record CheckpointWriter(OptConfig config, List<Path> extraFiles, Map<String, String> textFiles) {
    /** Tokenizer file names {@link #withTokenizerFrom} copies when present. */
    public static final List<String> TOKENIZER_FILES = List.of("tokenizer.json", "vocab.json", "merges.txt",
            "tokenizer_config.json", "special_tokens_map.json", "imlbench-tokenizer.json");

    /** Supplies a tensor's values by canonical name when the writer reaches it; {@code Checkpoint::tensor} fits. */
    @FunctionalInterface
    public interface TensorSource {
        /**
         * @param canonicalName a canonical tensor name
         * @return its float32 values
         * @throws IOException when they cannot be produced
         */
        TensorData read(String canonicalName) throws IOException;
    }

    /** Copies the lists. */
    public CheckpointWriter {
        extraFiles = List.copyOf(extraFiles);
        textFiles = Map.copyOf(textFiles);
    }

    /** @param config the configuration to write */
    public CheckpointWriter(OptConfig config) {
        this(config, List.of(), Map.of());
    }

    /**
     * @param file a file to copy into the checkpoint
     * @return a writer that also copies it
     */
    public CheckpointWriter withFile(Path file) {
        List<Path> files = new ArrayList<>(extraFiles);
        files.add(file);
        return new CheckpointWriter(config, files, textFiles);
    }

    /**
     * @param name a file name
     * @param content its UTF-8 content
     * @return a writer that also writes it
     */
    public CheckpointWriter withTextFile(String name, String content) {
        Map<String, String> files = new LinkedHashMap<>(textFiles);
        files.put(name, content);
        return new CheckpointWriter(config, extraFiles, files);
    }

    /**
     * @param dir a directory holding tokenizer files
     * @return a writer that also copies every {@link #TOKENIZER_FILES} file present there
     */
    public CheckpointWriter withTokenizerFrom(Path dir) {
        CheckpointWriter w = this;
        for (String name : TOKENIZER_FILES) {
            if (Files.isRegularFile(dir.resolve(name))) {
                w = w.withFile(dir.resolve(name));
            }
        }
        return w;
    }

    /**
     * Writes tensors held in memory.
     *
     * @param dir the checkpoint directory to create or replace
     * @param tensors the tensors, by canonical name (e.g. {@code decoder.layers.0.fc1.weight})
     * @throws IOException when writing fails; the directory is then left as it was
     */
    public void write(Path dir, Collection<TensorData> tensors) throws IOException {
        Map<String, TensorData> byName = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (TensorData t : tensors) {
            if (byName.put(t.name(), t) != null) {
                throw new IllegalArgumentException("tensor '" + t.name() + "' given twice");
            }
            shapes.put(t.name(), t.shape());
        }
        write(dir, shapes, byName::get);
    }

    /**
     * Writes tensors produced one at a time, so a large model never has to be in memory at once.
     *
     * @param dir the checkpoint directory to create or replace
     * @param shapes canonical name to shape
     * @param source the values of each name, asked for once each
     * @throws IOException when writing fails; the directory is then left as it was
     */
    public void write(Path dir, Map<String, long[]> shapes, TensorSource source) throws IOException {
        Map<String, long[]> stored = new TreeMap<>();
        Map<String, String> canonicalOf = new TreeMap<>();
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            String name = e.getKey();
            if (TensorNames.canonical(name).filter(name::equals).isEmpty()) {
                throw new IllegalArgumentException("'" + name + "' is not a canonical tensor name (no 'model.' "
                        + "prefix, no lm_head)");
            }
            stored.put(TensorNames.stored(name), e.getValue());
            canonicalOf.put(TensorNames.stored(name), name);
        }
        Path target = dir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        Path temp;
        try {
            Files.createDirectories(parent);
            temp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
        } catch (IOException e) {
            throw IoErrors.naming(target, "cannot create the checkpoint", e);
        }
        // the file being written, for the message: a full disk or a permission problem names it and the reason
        String writing = OptConfigs.FILE_NAME;
        try {
            OptConfigs.write(config, temp.resolve(OptConfigs.FILE_NAME));
            writing = Checkpoints.SAFETENSORS;
            SafetensorsWriter.write(temp.resolve(Checkpoints.SAFETENSORS), stored,
                    name -> source.read(canonicalOf.get(name)));
            for (Path file : extraFiles) {
                writing = file.getFileName().toString();
                Files.copy(file, temp.resolve(writing), StandardCopyOption.REPLACE_EXISTING);
            }
            for (Map.Entry<String, String> e : textFiles.entrySet()) {
                writing = e.getKey();
                Files.writeString(temp.resolve(writing), e.getValue());
            }
            writing = null;
            replace(temp, target);
        } catch (IOException e) {
            FileTrees.deleteTree(temp);
            throw writing == null ? IoErrors.naming(target, "cannot move the new checkpoint into place", e)
                    : IoErrors.naming(target.resolve(writing), "cannot write", e);
        } catch (RuntimeException e) {
            FileTrees.deleteTree(temp);
            throw e;
        }
    }

    private static void replace(Path temp, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
            Files.delete(old);
            move(target, old);
        }
        move(temp, target);
        if (old != null) {
            FileTrees.deleteTree(old);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }
}
