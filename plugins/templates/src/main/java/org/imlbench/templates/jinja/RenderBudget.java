package org.imlbench.templates.jinja;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * What one render may spend. A template is a program, written by whoever wrote the task file: without limits, a loop
 * over {@code range(10**7)} inside another, {@code text * 10**9}, {@code 9 ** 10**8} or a backtracking regular
 * expression runs for hours or fills the heap, where Python would too. With them such a render ends with a
 * {@link PyException} (a {@link TemplateException} naming the template), in well under a second, having allocated a
 * few tens of MiB at most. Real templates stay far below every limit: they loop over a document's choices or words
 * and make strings the size of a prompt.
 *
 * <p>One budget per render, in its scope under {@link #VARIABLE}; code running outside a render (a unit test calling an
 * operator) gets a fresh budget per operation, which still bounds each one.
 */
final class RenderBudget {
    /** The variable holding the render's budget. */
    static final String VARIABLE = "__imlbench_budget__";
    /** Loop iterations per render, nested loops counting every inner iteration (each costs a few hundred bytes). */
    static final long MAX_ITERATIONS = 1 << 15;
    /**
     * Characters (or list items) per render made by operations whose result can be much larger than their operands:
     * {@code *} on strings and lists, {@code +} and {@code ~}, {@code range}, padding and widths ({@code center},
     * {@code ljust}, {@code zfill}, format specs), {@code join} and {@code replace}, and the digits of {@code **}.
     */
    static final long MAX_MADE = 1 << 22;
    /**
     * Character reads a regular expression may make on a text of n characters: this + {@link #REGEX_READS_PER_CHAR}
     * × n. A pattern that does not backtrack reads each character a few times; one that does (Java's engine, like
     * Python's, tries the ways to match one after another) reads some exponentially often: {@code (.*){12}x} on 32
     * characters takes 30 s.
     */
    static final long MIN_REGEX_READS = 1 << 16;
    /** See {@link #MIN_REGEX_READS}. */
    static final long REGEX_READS_PER_CHAR = 32;
    /** The longest text a render may output, 16 Mi characters: a prompt for a long document fits. */
    static final long MAX_OUTPUT = 1 << 24;

    private long iterations;
    private long made;

    /** @return the budget of the render running on this thread, or a fresh one outside a render */
    static RenderBudget current() {
        JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
        Object budget = interpreter == null ? null : interpreter.getContext().get(VARIABLE);
        return budget instanceof RenderBudget b ? b : new RenderBudget();
    }

    /**
     * @param count iterations a loop is about to make
     * @throws PyException when the render's loops would exceed {@link #MAX_ITERATIONS}
     */
    void iterate(long count) {
        iterations = Math.addExact(iterations, Math.max(0, count));
        if (iterations > MAX_ITERATIONS) {
            throw new PyException("the template's loops run more than " + MAX_ITERATIONS + " times in one render "
                    + "(imlbench's limit for templates)");
        }
    }

    /**
     * @param items what a loop goes over
     * @param interpreter the render
     * @return the same items, each step of whose iteration counts against {@link #MAX_ITERATIONS}, and which ends the
     *         render with {@link Aborted} once it has failed: Jinjava records an error and goes on, so a loop whose
     *         body fails would otherwise fail (and build an error, tens of KiB) on every iteration
     */
    List<Object> loop(List<Object> items, JinjavaInterpreter interpreter) {
        return new AbstractList<>() {
            @Override
            public Object get(int index) {
                return items.get(index);
            }

            @Override
            public int size() {
                return items.size();
            }

            @Override
            public Iterator<Object> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < items.size();
                    }

                    @Override
                    public Object next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        if (!interpreter.getErrors().isEmpty()) {
                            throw new Aborted();
                        }
                        iterate(1);
                        return items.get(next++);
                    }
                };
            }
        };
    }

    /** Ends a render that has already failed; its recorded errors say why. */
    static final class Aborted extends PyException {
        private static final long serialVersionUID = 1L;

        Aborted() {
            super("the render has failed");
        }
    }

    /**
     * @param size characters or items an operation is about to make
     * @param what the operation, for the message
     * @throws PyException when the render would make more than {@link #MAX_MADE}
     */
    void make(long size, String what) {
        made = size < 0 || size > MAX_MADE ? MAX_MADE + 1 : made + size;
        if (made > MAX_MADE) {
            throw new PyException(what + " makes more than " + MAX_MADE + " characters or items in one render "
                    + "(imlbench's limit for templates)");
        }
    }

    /**
     * @param text a text a regular expression is about to search
     * @return the same characters, counting each read against {@link #MIN_REGEX_READS}
     */
    static CharSequence watched(CharSequence text) {
        return new Watched(text, MIN_REGEX_READS + REGEX_READS_PER_CHAR * text.length());
    }

    /** A text whose character reads are counted. */
    private static final class Watched implements CharSequence {
        private final CharSequence text;
        private final long maxReads;
        private long reads;

        Watched(CharSequence text, long maxReads) {
            this.text = text;
            this.maxReads = maxReads;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (++reads > maxReads) {
                throw new PyException("a regular expression reads its text of " + text.length() + " characters more "
                        + "than " + maxReads + " times (it backtracks; imlbench's limit for templates)");
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            // what a match hands out (groups), no longer searched
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
