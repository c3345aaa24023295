package org.imlbench.tasks.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.imlbench.tasks.synthetic.SyntheticTask.Example;

/** Generated tasks about strings: string transformation, counting and extraction. */
final class TextTasks {
    private TextTasks() {
    }

    static List<SyntheticTask> all() {
        String strings = "String Transformation";
        String counting = "Counting";
        String extraction = "Extraction";
        return List.of(
                new SyntheticTask("string_uppercase", strings, "Write the word in capital letters.",
                        r -> {
                            String w = Vocabulary.word(r, 2, 4);
                            return Example.generation(w, w.toUpperCase(Locale.ROOT));
                        }),
                new SyntheticTask("string_reverse", strings, "Write the word backwards.",
                        r -> {
                            String w = Vocabulary.word(r, 2, 3);
                            return Example.generation(w, new StringBuilder(w).reverse().toString());
                        }),
                new SyntheticTask("string_first_letter", strings, "Give the first letter of the word.",
                        r -> {
                            String w = Vocabulary.word(r, 2, 4);
                            return Example.generation(w, w.substring(0, 1));
                        }),
                new SyntheticTask("count_letters", counting, "How many letters does the word have?",
                        r -> {
                            String w = Vocabulary.word(r, 1, 5);
                            if (r.nextBoolean()) {
                                w = w.substring(1); // odd lengths too
                            }
                            return Example.generation(w, Integer.toString(w.length()));
                        }),
                new SyntheticTask("count_words", counting, "How many words are in the text?",
                        r -> {
                            List<String> words = new ArrayList<>();
                            int n = r.nextInt(1, 7);
                            for (int i = 0; i < n; i++) {
                                words.add(Vocabulary.word(r, 1, 2));
                            }
                            return Example.generation(String.join(" ", words), Integer.toString(n));
                        }),
                new SyntheticTask("count_letter_a", counting, "How many times does the letter a appear?",
                        r -> {
                            String w = Vocabulary.word(r, 2, 5);
                            long n = w.chars().filter(c -> c == 'a').count();
                            return Example.generation(w, Long.toString(n));
                        }),
                new SyntheticTask("extract_number", extraction, "Find the number in the sentence.",
                        r -> {
                            int n = r.nextInt(2, 100);
                            String thing = Vocabulary.pick(r, Vocabulary.THINGS);
                            String who = Vocabulary.pick(r, Vocabulary.NAMES);
                            String text = switch (r.nextInt(3)) {
                                case 0 -> who + " has " + n + " " + thing + "s";
                                case 1 -> "we saw " + n + " " + thing + "s with " + who;
                                default -> who + " paid " + n + " for a " + thing;
                            };
                            return Example.generation(text, Integer.toString(n));
                        }),
                new SyntheticTask("extract_name", extraction, "Who is named in the sentence?",
                        r -> {
                            String who = Vocabulary.pick(r, Vocabulary.NAMES);
                            String thing = Vocabulary.pick(r, Vocabulary.THINGS);
                            String adjective = Vocabulary.pick(r, r.nextBoolean() ? Vocabulary.POSITIVE
                                    : Vocabulary.NEGATIVE);
                            String text = switch (r.nextInt(3)) {
                                case 0 -> "the " + adjective + " " + thing + " is " + who + "'s";
                                case 1 -> who + " got a " + adjective + " " + thing;
                                default -> "a " + adjective + " " + thing + " for " + who;
                            };
                            return Example.generation(text, who);
                        }),
                new SyntheticTask("extract_last_word", extraction, "What is the last word?",
                        r -> {
                            List<String> words = new ArrayList<>();
                            int n = r.nextInt(2, 5);
                            for (int i = 0; i < n; i++) {
                                words.add(Vocabulary.word(r, 1, 3));
                            }
                            return Example.generation(String.join(" ", words), words.get(n - 1));
                        }));
    }
}
