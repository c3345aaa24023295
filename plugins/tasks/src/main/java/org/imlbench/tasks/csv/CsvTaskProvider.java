package org.imlbench.tasks.csv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.TaskCategoryProvider;
import org.imlbench.api.TaskLoadException;
import org.imlbench.api.TaskSource;
import org.imlbench.api.TaskSuite;
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
    public TaskSuite load(TaskSource source) throws TaskLoadException {
        Path path = source.requirePath();
        CsvTaskReader reader = new CsvTaskReader();
        if (Files.isDirectory(path)) {
            List<Path> files = FolderLoader.list(path, ".csv");
            if (files.isEmpty()) {
                throw new TaskLoadException(path.toString(), "no *.csv files");
            }
            FolderLoader.Result result = FolderLoader.load(files, reader::read, source.skipBadTasks());
            return new TaskSuite(result.tasks(), result.problems(), Optional.empty());
        }
        if (!Files.isRegularFile(path)) {
            throw new TaskLoadException(path.toString(), "no such file");
        }
        return new TaskSuite(List.of(FolderLoader.readOne(path, reader::read)), List.of(), Optional.empty());
    }
}
