package org.imlbench.tasks.csv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.TaskCategoryProvider;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.TaskSink;
import org.imlbench.api.TaskSource;
import org.imlbench.api.TaskSourceInfo;
import org.imlbench.tasks.io.FolderLoader;

/**
 * {@code --tasks csv=FILE}: one task from one CSV file, the no-code way to add a task; {@code --tasks csv=DIR} reads
 * every {@code *.csv} of a folder, one task each. See {@link CsvTaskReader} for the columns and {@link CsvMetadata}
 * for the header comment and sidecar.
 */
public final class CsvTaskProvider implements TaskCategoryProvider {
    @Override
    public String name() {
        return "csv";
    }

    @Override
    public int apiLevel() {
        return ImlbenchApi.LEVEL;
    }

    @Override
    public String description() {
        return "one task per CSV file (input, output..., options): --tasks csv=FILE or csv=DIR";
    }

    @Override
    public TaskSourceInfo read(TaskSource source, TaskSink sink) throws TaskLoadException {
        Path path = source.requirePath();
        CsvTaskReader reader = new CsvTaskReader();
        if (Files.isDirectory(path)) {
            List<Path> files = FolderLoader.list(path, ".csv");
            if (files.isEmpty()) {
                throw new TaskLoadException(path.toString(), "no *.csv files");
            }
            FolderLoader.load(files, reader::read, source.skipBadTasks(), sink);
            return TaskSourceInfo.none();
        }
        if (!Files.isRegularFile(path)) {
            throw new TaskLoadException(path.toString(), "no such file");
        }
        sink.accept(FolderLoader.readOne(path, reader::read));
        return TaskSourceInfo.none();
    }
}
