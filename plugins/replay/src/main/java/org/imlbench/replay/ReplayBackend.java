package org.imlbench.replay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.LanguageModel;
import org.imlbench.api.ModelBackend;
import org.imlbench.api.ModelInfo;
import org.imlbench.api.ModelRequest;
import org.imlbench.api.OptionKey;

/**
 * {@code --backend replay}: evaluates the recorded outputs of any external model. The predictions file comes from
 * the {@code predictions} option ({@code --predictions FILE}); when that option is absent and the model name is an
 * existing file, that file is used, so {@code --backend replay --model FILE} works too. See {@link PredictionFile}
 * for the format.
 */
public final class ReplayBackend implements ModelBackend {
    /** The backend option naming the predictions file ({@code --predictions FILE} sets it). */
    public static final OptionKey<Path> PREDICTIONS = OptionKey.path("predictions",
            "the JSONL file of recorded predictions, one {task, instance, prediction} object per line");

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public int apiLevel() {
        return ImlbenchApi.LEVEL;
    }

    @Override
    public String description() {
        return "Replays recorded predictions from a JSONL file (--predictions FILE) of {task, instance, prediction}";
    }

    @Override
    public List<OptionKey<?>> declaredOptions() {
        return List.of(PREDICTIONS);
    }

    @Override
    public LanguageModel load(ModelRequest request) throws IOException {
        Path path = predictionsFile(request);
        PredictionFile file = PredictionFile.read(path);
        ModelInfo info = new ModelInfo(path.getFileName().toString(), name(), "none", 0, Map.of(
                "predictions", path.toAbsolutePath().normalize().toString(),
                "records", Integer.toString(file.records().size()),
                "sha256", sha256(path)));
        return new ReplayModel(file, info);
    }

    static Path predictionsFile(ModelRequest request) throws IOException {
        Optional<Path> option = PREDICTIONS.optional(request.options());
        if (option.isPresent()) {
            return option.get();
        }
        if (!request.model().isBlank()) {
            try {
                Path model = Path.of(request.model());
                if (Files.isRegularFile(model)) {
                    return model;
                }
            } catch (InvalidPathException e) {
                // not a file name: fall through to the error below
            }
        }
        throw new IOException("the replay backend needs a predictions file: use --predictions FILE (or "
                + "--backend-option predictions=FILE); the model \"" + request.model() + "\" is not a file");
    }

    private static String sha256(Path path) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
