package org.imlbench.harness.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress bars with ETA for the long phases of a run, drawn on the error stream so that stdout stays parseable. */
public final class ConsoleProgress {
    private final PrintStream stream;
    private final boolean enabled;

    /**
     * @param stream where bars are drawn
     * @param enabled false to draw nothing (tests, {@code --quiet})
     */
    public ConsoleProgress(PrintStream stream, boolean enabled) {
        this.stream = stream;
        this.enabled = enabled;
    }

    /**
     * Starts a bar.
     *
     * @param task what the phase is, e.g. "base · fully_held_out"
     * @param total units of work, or -1 when unknown (the bar then counts without an end)
     * @param unit the unit's name
     * @return the bar, or a bar that draws nothing; close it when the phase ends
     */
    public Bar start(String task, long total, String unit) {
        if (!enabled) {
            return new Bar(null);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(stream)).setEtaFunction(state -> {
                    long done = state.getCurrent() - state.getStart();
                    if (done <= 0 || state.getMax() < 0) {
                        // nothing done yet, or a total nobody knows (tasks being read): no estimate
                        return Optional.empty();
                    }
                    Duration elapsed = state.getElapsedAfterStart();
                    long left = state.getMax() - state.getCurrent();
                    return Optional.of(elapsed.multipliedBy(Math.max(0, left)).dividedBy(done));
                }).build();
        return new Bar(bar);
    }

    /** One progress bar; a no-op when drawing is disabled. */
    public static final class Bar implements AutoCloseable {
        private final ProgressBar bar;

        private Bar(ProgressBar bar) {
            this.bar = bar;
        }

        /** @param n units finished since the last call */
        public void stepBy(long n) {
            if (bar != null) {
                bar.stepBy(n);
            }
        }

        /** @param n units finished in all */
        public void stepTo(long n) {
            if (bar != null) {
                bar.stepTo(n);
            }
        }

        /** @param message extra text after the bar */
        public void message(String message) {
            if (bar != null) {
                bar.setExtraMessage(message);
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
