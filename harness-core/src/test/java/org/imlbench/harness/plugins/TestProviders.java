package org.imlbench.harness.plugins;

/** Sources of small providers, compiled at test time, that behave well or badly in one way each. */
public final class TestProviders {
    private TestProviders() {
    }

    /**
     * A task-category provider.
     *
     * @param pkg its package
     * @param simpleName its class name
     * @param name what {@code name()} returns
     * @param level the expression {@code apiLevel()} returns
     * @param constructorBody statements run by its constructor
     * @param description what {@code description()} returns (a Java expression)
     * @return the source
     */
    public static String taskProvider(String pkg, String simpleName, String name, String level,
                                      String constructorBody, String description) {
        return """
                package %1$s;

                import java.util.List;
                import java.util.Map;
                import org.imlbench.api.ImlbenchApi;
                import org.imlbench.api.Instance;
                import org.imlbench.api.Task;
                import org.imlbench.api.TaskCategoryProvider;
                import org.imlbench.api.TaskLoadException;
                import org.imlbench.api.TaskSink;
                import org.imlbench.api.TaskSource;
                import org.imlbench.api.TaskSourceInfo;

                public final class %2$s implements TaskCategoryProvider {
                    public %2$s() {
                        %5$s
                    }

                    @Override public String name() { return "%3$s"; }
                    @Override public int apiLevel() { return %4$s; }
                    @Override public String description() { return %6$s; }

                    @Override public TaskSourceInfo read(TaskSource source, TaskSink sink) throws TaskLoadException {
                        sink.accept(new Task("%3$s/only", "Testing", "%3$s", "Answer.", List.of(),
                                List.of(Instance.generation("1", "question", List.of("answer"))), Map.of()));
                        return TaskSourceInfo.none();
                    }
                }
                """.formatted(pkg, simpleName, name, level, constructorBody, description);
    }

    /** @return a well-behaved provider named {@code name} */
    public static String good(String pkg, String simpleName, String name) {
        return taskProvider(pkg, simpleName, name, "ImlbenchApi.LEVEL", "", "\"works\"");
    }

    /** @return a provider whose constructor throws */
    public static String throwing(String pkg, String simpleName, String name) {
        return taskProvider(pkg, simpleName, name, "ImlbenchApi.LEVEL",
                "if (true) { throw new IllegalStateException(\"constructor exploded\"); }", "\"never\"");
    }

    /** @return a provider compiled against a newer API level than this harness has */
    public static String future(String pkg, String simpleName, String name) {
        return taskProvider(pkg, simpleName, name, "ImlbenchApi.LEVEL + 1", "", "\"from the future\"");
    }
}
