package org.imlbench.testkit;

import java.util.List;
import org.imlbench.api.Instance;
import org.imlbench.api.PromptContext;
import org.imlbench.api.PromptFormat;
import org.imlbench.api.RenderedPrompt;
import org.imlbench.api.Task;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link PromptFormat}: it supports the tasks it is meant for, gives one continuation per option,
 * a target to tune on, and renders the same context the same way every time, with or without demonstrations.
 * Override {@link #tasks()} when the format is meant for particular tasks (BBH's formats, say).
 */
public abstract class PromptFormatContract {
    /** @return a new instance of the format under test */
    protected abstract PromptFormat format();

    /** @return tasks the format must support; by default {@link ContractData#tasks()} */
    protected List<Task> tasks() {
        return ContractData.tasks();
    }

    /** Name, API level, description and option keys. */
    @Test
    void isAWellFormedPlugin() {
        Contract.checkPlugin(format());
    }

    /** The harness refuses tasks a format does not support; the contract's tasks must be supported. */
    @Test
    void supportsItsTasks() {
        PromptFormat format = format();
        for (Task task : tasks()) {
            if (!format.supports(task)) {
                throw Contract.broken("the format supports the tasks it is meant for", format, task.id()
                        + " is refused (override tasks() with tasks the format is meant for)");
            }
        }
    }

    /** Rank classification scores one continuation per option, in option order. */
    @Test
    void optionInstancesGetOneContinuationPerOption() {
        PromptFormat format = format();
        for (Task task : tasks()) {
            for (Instance instance : task.instances()) {
                for (int shots : new int[] {0, 2}) {
                    RenderedPrompt prompt = format.render(context(task, instance, shots));
                    int expected = instance.hasOptions() ? instance.options().size() : 0;
                    if (instance.hasOptions() && prompt.continuations().size() != expected) {
                        throw Contract.broken("one continuation per option", format, task.id() + "/"
                                + instance.id() + " with " + shots + " shots has " + prompt.continuations().size()
                                + " continuations for " + expected + " options");
                    }
                    if (prompt.target().isEmpty()) {
                        throw Contract.broken("every instance has a target to tune on", format, task.id() + "/"
                                + instance.id() + " rendered an empty target");
                    }
                }
            }
        }
    }

    /** Prompts are recorded in samples and compared across runs, so the same context must render alike. */
    @Test
    void renderingIsDeterministic() {
        PromptFormat format = format();
        for (Task task : tasks()) {
            for (Instance instance : task.instances()) {
                PromptContext context = context(task, instance, 2);
                RenderedPrompt first = format.render(context);
                if (!first.equals(format().render(context))) {
                    throw Contract.broken("the same context renders the same prompt", format, task.id() + "/"
                            + instance.id() + " rendered differently twice");
                }
            }
        }
    }

    /** Demonstrations are the task's other instances, never the rendered one (the harness draws them so). */
    private static PromptContext context(Task task, Instance instance, int shots) {
        List<Instance> others = task.instances().stream().filter(i -> !i.id().equals(instance.id()))
                .limit(shots).toList();
        return new PromptContext(task, instance, shots, others);
    }
}
