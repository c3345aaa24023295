package org.imlbench.tasks.synthetic;

import java.util.List;
import java.util.StringJoiner;
import java.util.random.RandomGenerator;
import org.imlbench.tasks.synthetic.SyntheticTask.Example;

/** Generated tasks about truth values and keywords: boolean logic and keyword sentiment. */
final class LogicTasks {
    private static final List<String> TRUTH = List.of("True", "False");
    private static final List<String> POLARITY = List.of("positive", "negative");
    /** The longest input, in characters: the embedded model is tiny. */
    private static final int MAX_INPUT = 40;

    private LogicTasks() {
    }

    static List<SyntheticTask> all() {
        String logic = "Boolean Logic";
        String sentiment = "Keyword Sentiment";
        return List.of(
                new SyntheticTask("boolean_expression", logic, "Evaluate the expression.",
                        LogicTasks::expression),
                new SyntheticTask("boolean_majority", logic, "Are most of the values True?",
                        r -> {
                            int length = 3 + 2 * r.nextInt(0, 4);
                            int trues = 0;
                            StringJoiner shown = new StringJoiner(" ");
                            for (int i = 0; i < length; i++) {
                                boolean v = r.nextBoolean();
                                trues += v ? 1 : 0;
                                shown.add(v ? "T" : "F");
                            }
                            return Example.choice(shown.toString(), trues * 2 > length ? "yes" : "no",
                                    List.of("yes", "no"));
                        }),
                new SyntheticTask("boolean_variables", logic, "Evaluate the last expression.",
                        r -> {
                            char x = (char) ('a' + r.nextInt(26));
                            char y = (char) ('a' + r.nextInt(26));
                            while (y == x) {
                                y = (char) ('a' + r.nextInt(26));
                            }
                            boolean vx = r.nextBoolean();
                            boolean vy = r.nextBoolean();
                            boolean and = r.nextBoolean();
                            boolean value = and ? vx && vy : vx || vy;
                            String text = x + "=" + cap(vx) + " " + y + "=" + cap(vy) + "; " + x
                                    + (and ? " and " : " or ") + y;
                            return Example.choice(text, cap(value), TRUTH);
                        }),
                new SyntheticTask("sentiment_review", sentiment, "Is the review positive or negative?",
                        r -> {
                            boolean positive = r.nextBoolean();
                            String adjective = Vocabulary.pick(r, positive ? Vocabulary.POSITIVE : Vocabulary.NEGATIVE);
                            String thing = Vocabulary.pick(r, Vocabulary.THINGS);
                            String text = switch (r.nextInt(3)) {
                                case 0 -> "the " + thing + " was " + adjective;
                                case 1 -> "a " + adjective + " " + thing + ", " + Vocabulary.pick(r, Vocabulary.NAMES)
                                        + " says";
                                default -> "such a " + adjective + " " + thing;
                            };
                            return Example.choice(text, positive ? "positive" : "negative", POLARITY);
                        }),
                new SyntheticTask("sentiment_likes", sentiment, "Does the person like it?",
                        r -> {
                            boolean likes = r.nextBoolean();
                            String who = Vocabulary.pick(r, Vocabulary.NAMES);
                            String thing = Vocabulary.pick(r, Vocabulary.THINGS);
                            String verb = Vocabulary.pick(r, likes ? List.of("loves", "likes", "enjoys", "adores")
                                    : List.of("hates", "dislikes", "avoids", "loathes"));
                            String text = who + " " + verb + " the " + thing;
                            if (r.nextBoolean()) {
                                text = text + " a lot";
                            }
                            return Example.choice(text, likes ? "yes" : "no", List.of("yes", "no"));
                        }),
                new SyntheticTask("sentiment_keyword", sentiment, "Name the word that shows the feeling.",
                        r -> {
                            boolean positive = r.nextBoolean();
                            String adjective = Vocabulary.pick(r, positive ? Vocabulary.POSITIVE : Vocabulary.NEGATIVE);
                            String thing = Vocabulary.pick(r, Vocabulary.THINGS);
                            String who = Vocabulary.pick(r, Vocabulary.NAMES);
                            String text = r.nextBoolean() ? who + " found the " + thing + " " + adjective
                                    : "the " + adjective + " " + thing + " of " + who;
                            return Example.generation(text, adjective);
                        }));
    }

    /**
     * Two to four literals joined by {@code and}/{@code or}, evaluated with Python's precedence ({@code not} binds
     * tighter than {@code and}, which binds tighter than {@code or}), sometimes negated as a whole; redrawn until it
     * fits in {@value #MAX_INPUT} characters.
     */
    private static Example expression(RandomGenerator r) {
        while (true) {
            int literals = r.nextInt(2, 5);
            StringJoiner text = new StringJoiner(" ");
            boolean result = false;
            boolean conjunction = true;
            for (int i = 0; i < literals; i++) {
                if (i > 0) {
                    boolean and = r.nextBoolean();
                    text.add(and ? "and" : "or");
                    if (!and) {
                        result |= conjunction;
                        conjunction = true;
                    }
                }
                boolean value = r.nextBoolean();
                boolean negated = r.nextInt(3) == 0;
                text.add((negated ? "not " : "") + cap(value));
                conjunction &= negated != value;
            }
            result |= conjunction;
            String shown = text.toString();
            if (r.nextInt(4) == 0) {
                shown = "not ( " + shown + " )";
                result = !result;
            }
            if (shown.length() <= MAX_INPUT) {
                return Example.choice(shown, cap(result), TRUTH);
            }
        }
    }

    private static String cap(boolean value) {
        return value ? "True" : "False";
    }
}
