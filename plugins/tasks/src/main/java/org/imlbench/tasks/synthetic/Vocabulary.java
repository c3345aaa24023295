package org.imlbench.tasks.synthetic;

import java.util.List;
import java.util.random.RandomGenerator;

/** Small word lists and a pseudo-word maker shared by the generated tasks. */
final class Vocabulary {
    static final List<String> NAMES = List.of("Ann", "Bob", "Cy", "Dan", "Eve", "Fay", "Gus", "Hal", "Ida", "Jo",
            "Kim", "Lea", "Max", "Ned", "Ola", "Pam", "Raj", "Sam", "Tom", "Uma", "Vic", "Wes", "Yan", "Zoe");
    static final List<String> THINGS = List.of("cake", "film", "song", "book", "soup", "game", "lamp", "bike",
            "shoe", "tea", "park", "room", "show", "car", "pen", "bed");
    static final List<String> POSITIVE = List.of("great", "good", "lovely", "superb", "nice", "fine", "fun",
            "tasty", "cool", "happy");
    static final List<String> NEGATIVE = List.of("awful", "bad", "poor", "boring", "sad", "ugly", "dull",
            "nasty", "rude", "weak");
    private static final String CONSONANTS = "bdfgklmnprstvz";
    private static final String VOWELS = "aeiou";

    private Vocabulary() {
    }

    /** @return a pronounceable lower-case pseudo-word of {@code minSyllables}..{@code maxSyllables} syllables */
    static String word(RandomGenerator random, int minSyllables, int maxSyllables) {
        int syllables = random.nextInt(minSyllables, maxSyllables + 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < syllables; i++) {
            out.append(CONSONANTS.charAt(random.nextInt(CONSONANTS.length())));
            out.append(VOWELS.charAt(random.nextInt(VOWELS.length())));
        }
        return out.toString();
    }

    static <T> T pick(RandomGenerator random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
