package org.imlbench.harness.splits;

import java.util.ArrayList;
import java.util.List;
import org.imlbench.api.Task;
import org.imlbench.harness.tasks.LoadedTasks;

/** The loaded tasks a test opened, each with its instance store: {@link #close()} after the test deletes them. */
final class OpenTasks implements AutoCloseable {
    private final List<LoadedTasks> open = new ArrayList<>();

    /**
     * @param seed the seed
     * @param args {@code --tasks} arguments
     * @return the loaded tasks
     * @throws Exception when loading fails
     */
    LoadedTasks load(long seed, String... args) throws Exception {
        return keep(TestData.load(seed, args));
    }

    /**
     * @param tasks tasks built in memory
     * @param spec the spec their source suggests
     * @return them, loaded
     * @throws Exception when loading fails
     */
    LoadedTasks of(List<Task> tasks, SplitSpec spec) throws Exception {
        return keep(TestData.of(tasks, spec));
    }

    private LoadedTasks keep(LoadedTasks loaded) {
        open.add(loaded);
        return loaded;
    }

    @Override
    public void close() {
        open.forEach(LoadedTasks::close);
        open.clear();
    }
}
