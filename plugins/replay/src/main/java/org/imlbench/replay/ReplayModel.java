package org.imlbench.replay;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.imlbench.api.Capability;
import org.imlbench.api.GenerateRequest;
import org.imlbench.api.GenerateResult;
import org.imlbench.api.KnownInstances;
import org.imlbench.api.LanguageModel;
import org.imlbench.api.ModelInfo;
import org.imlbench.api.ProgressListener;
import org.imlbench.api.ScoreRequest;
import org.imlbench.api.ScoreResult;

/**
 * A "model" that answers generation requests with recorded outputs. A request whose (task, instance) has no record
 * gets {@link GenerateResult.Missing}, which the harness lists and counts instead of scoring. Recorded text is
 * returned as it is: no stop sequence or token limit is applied to another model's final output.
 */
public final class ReplayModel implements LanguageModel {
    /** How many unknown records an error message lists before it only counts. */
    static final int LISTED = 5;

    private final PredictionFile file;
    private final ModelInfo info;

    /**
     * @param file the recorded predictions
     * @param info what to report about the model
     */
    public ReplayModel(PredictionFile file, ModelInfo info) {
        this.file = file;
        this.info = info;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.GENERATE);
    }

    @Override
    public List<ScoreResult> score(List<ScoreRequest> requests, ProgressListener progress) {
        throw new UnsupportedOperationException("the replay backend has recorded text only and cannot score options ("
                + file.path() + "); option tasks are judged on the recorded text instead");
    }

    @Override
    public List<GenerateResult> generate(List<GenerateRequest> requests, ProgressListener progress) {
        List<GenerateResult> results = new ArrayList<>(requests.size());
        for (GenerateRequest request : requests) {
            results.add(file.find(new RecordedPrediction.Key(request.taskId(), request.instanceId()))
                    .<GenerateResult>map(record -> new GenerateResult.Generated(record.prediction(), List.of(),
                            GenerateResult.StopReason.RECORDED))
                    .orElseGet(() -> new GenerateResult.Missing("no recorded prediction for task " + request.taskId()
                            + " instance " + request.instanceId() + " in " + file.path())));
            progress.progress(results.size(), requests.size());
        }
        return results;
    }

    /**
     * Fails when the file holds records for tasks or instances that were not loaded: most likely a wrong file, a
     * wrong task source or ids written differently, any of which would otherwise silently drop predictions.
     */
    @Override
    public void expect(KnownInstances known) throws IOException {
        List<String> unknown = new ArrayList<>();
        int count = 0;
        for (RecordedPrediction record : file.records().values()) {
            String problem = !known.taskIds().contains(record.task()) ? "unknown task"
                    : known.contains(record.task(), record.instance()) ? null : "unknown instance";
            if (problem != null) {
                count++;
                if (unknown.size() < LISTED) {
                    unknown.add(PredictionFile.where(file.path(), record.line()) + ": task \"" + record.task()
                            + "\" instance \"" + record.instance() + "\" (" + problem + ")");
                }
            }
        }
        if (count > 0) {
            throw new IOException(count + " of " + file.records().size() + " recorded predictions in " + file.path()
                    + " match no loaded task instance" + (count > LISTED ? " (first " + LISTED + " listed)" : "")
                    + ":\n  " + String.join("\n  ", unknown));
        }
    }

    @Override
    public void close() {
        // nothing to free: the records are plain strings
    }
}
