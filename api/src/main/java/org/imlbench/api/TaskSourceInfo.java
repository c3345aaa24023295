package org.imlbench.api;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link TaskCategoryProvider} tells about a whole source once it has read it.
 *
 * @param defaultSplitSpec the text of the split spec the provider suggests for these tasks (JSON, the same format as
 *                         {@code --split FILE}), if it has one
 */
public record TaskSourceInfo(Optional<String> defaultSplitSpec) {
    /** Checks for nulls. */
    public TaskSourceInfo {
        Objects.requireNonNull(defaultSplitSpec, "defaultSplitSpec");
    }

    /** @return no suggestion: the harness's default split spec applies */
    public static TaskSourceInfo none() {
        return new TaskSourceInfo(Optional.empty());
    }

    /**
     * @param splitSpecJson a split spec
     * @return a suggestion of that spec
     */
    public static TaskSourceInfo withSplitSpec(String splitSpecJson) {
        return new TaskSourceInfo(Optional.of(splitSpecJson));
    }
}
