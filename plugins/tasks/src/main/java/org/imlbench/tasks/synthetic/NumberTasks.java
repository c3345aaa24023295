package org.imlbench.tasks.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.imlbench.tasks.synthetic.SyntheticTask.Example;

/** Generated tasks about numbers and sequences: arithmetic, comparison and sequence completion. */
final class NumberTasks {
    private NumberTasks() {
    }

    static List<SyntheticTask> all() {
        String arithmetic = "Arithmetic";
        String comparison = "Comparison";
        String sequences = "Sequence Completion";
        return List.of(
                new SyntheticTask("arithmetic_add", arithmetic, "Add the two numbers.",
                        r -> {
                            int a = r.nextInt(0, 50);
                            int b = r.nextInt(0, 50);
                            return Example.generation(a + " + " + b, Integer.toString(a + b));
                        }),
                new SyntheticTask("arithmetic_subtract", arithmetic, "Subtract the second number from the first.",
                        r -> {
                            int a = r.nextInt(10, 100);
                            int b = r.nextInt(0, a + 1);
                            return Example.generation(a + " - " + b, Integer.toString(a - b));
                        }),
                new SyntheticTask("arithmetic_parity", arithmetic, "Is the number even or odd?",
                        r -> {
                            int n = r.nextInt(0, 1000);
                            return Example.choice(Integer.toString(n), n % 2 == 0 ? "even" : "odd",
                                    List.of("even", "odd"));
                        }),
                new SyntheticTask("compare_larger", comparison, "Which number is larger?",
                        r -> {
                            int a = r.nextInt(0, 100);
                            int b = r.nextInt(0, 100);
                            while (b == a) {
                                b = r.nextInt(0, 100);
                            }
                            return Example.generation(a + " or " + b, Integer.toString(Math.max(a, b)));
                        }),
                new SyntheticTask("compare_longer_word", comparison, "Which word is longer?",
                        r -> {
                            String a = Vocabulary.word(r, 1, 4);
                            String b = Vocabulary.word(r, 1, 4);
                            while (b.length() == a.length()) {
                                b = Vocabulary.word(r, 1, 4);
                            }
                            String longer = a.length() > b.length() ? a : b;
                            return Example.choice(a + " or " + b, longer, List.of(a, b));
                        }),
                new SyntheticTask("compare_same_number", comparison, "Are the two numbers the same?",
                        r -> {
                            int a = r.nextInt(0, 1000);
                            // half the pairs equal, half differing by a little, so that the answer is not a guess
                            int b = r.nextBoolean() ? a : a + r.nextInt(1, 4) * (r.nextBoolean() ? 1 : -1);
                            return Example.choice(a + " and " + b, a == b ? "yes" : "no", List.of("yes", "no"));
                        }),
                new SyntheticTask("sequence_next_number", sequences, "Continue the sequence.",
                        r -> {
                            int start = r.nextInt(0, 30);
                            int step = r.nextInt(1, 10);
                            int length = r.nextInt(3, 6);
                            StringJoiner shown = new StringJoiner(" ");
                            for (int i = 0; i < length; i++) {
                                shown.add(Integer.toString(start + i * step));
                            }
                            return Example.generation(shown.toString(), Integer.toString(start + length * step));
                        }),
                new SyntheticTask("sequence_repeat_pattern", sequences, "What comes next in the pattern?",
                        r -> {
                            int period = r.nextInt(2, 4);
                            List<String> unit = new ArrayList<>();
                            while (unit.size() < period) {
                                String letter = String.valueOf((char) ('a' + r.nextInt(26)));
                                if (!unit.contains(letter)) {
                                    unit.add(letter);
                                }
                            }
                            int length = period * 2 + r.nextInt(0, period);
                            StringJoiner shown = new StringJoiner(" ");
                            for (int i = 0; i < length; i++) {
                                shown.add(unit.get(i % period));
                            }
                            return Example.generation(shown.toString(), unit.get(length % period));
                        }),
                new SyntheticTask("sequence_increasing", sequences, "Is the sequence increasing?",
                        r -> {
                            int length = r.nextInt(3, 6);
                            boolean increasing = r.nextBoolean();
                            int[] values = new int[length];
                            values[0] = r.nextInt(0, 50);
                            for (int i = 1; i < length; i++) {
                                values[i] = values[i - 1] + r.nextInt(1, 15);
                            }
                            if (!increasing) {
                                int i = r.nextInt(1, length);
                                values[i] = values[i - 1] - r.nextInt(1, 10);
                            }
                            StringJoiner shown = new StringJoiner(" ");
                            for (int v : values) {
                                shown.add(Integer.toString(v));
                            }
                            return Example.choice(shown.toString(), increasing ? "yes" : "no",
                                    List.of("yes", "no"));
                        }));
    }
}
