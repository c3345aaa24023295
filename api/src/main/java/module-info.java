/**
 * The imlbench plugin API: four service interfaces and the immutable values they exchange.
 *
 * <p>This module depends on nothing outside the JDK so that a plugin compiled against it can be dropped into any
 * harness of a compatible {@linkplain org.imlbench.api.ImlbenchApi#LEVEL API level}. The harness discovers
 * implementations with {@link java.util.ServiceLoader}:
 * {@link org.imlbench.api.TaskCategoryProvider}, {@link org.imlbench.api.PromptFormat},
 * {@link org.imlbench.api.ModelBackend} and {@link org.imlbench.api.Metric}.
 */
module org.imlbench.api {
    exports org.imlbench.api;
}
