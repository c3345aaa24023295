package org.imlbench.metrics.text;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The Porter stemmer exactly as NLTK's {@code nltk.stem.porter.PorterStemmer} computes it in its default
 * {@code NLTK_EXTENSIONS} mode (NLTK 3.x, the stemmer Google's {@code rouge_score} uses with {@code use_stemmer=True}).
 *
 * <p>This is a rule-for-rule port of NLTK's implementation, including its departures from Porter's 1980 paper: the
 * irregular-forms table, no stemming of words of one or two characters, {@code ies}/{@code ied} on four-letter words,
 * the two-letter {@code *o} condition, {@code y -> i} only after a consonant, {@code alli} tried first and re-run
 * through step 2, {@code bli -> ble}, {@code fulli -> ful} and {@code logi -> log}. As in NLTK, the first rule whose
 * suffix matches decides: when its condition fails, no later rule of the same list is tried.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PorterStemmer {
    /** NLTK's irregular forms: word -> stem, bypassing the algorithm. */
    private static final Map<String, String> IRREGULAR_FORMS = Map.ofEntries(
            Map.entry("sky", "sky"), Map.entry("skies", "sky"),
            Map.entry("dying", "die"), Map.entry("lying", "lie"), Map.entry("tying", "tie"),
            Map.entry("news", "news"),
            Map.entry("innings", "inning"), Map.entry("inning", "inning"),
            Map.entry("outings", "outing"), Map.entry("outing", "outing"),
            Map.entry("cannings", "canning"), Map.entry("canning", "canning"),
            Map.entry("howe", "howe"),
            Map.entry("proceed", "proceed"), Map.entry("exceed", "exceed"), Map.entry("succeed", "succeed"));

    /** Stands for NLTK's "*d" pseudo-suffix: the word ends with a double consonant. */
    private static final String DOUBLE_CONSONANT = "*d";

    /**
     * One suffix rule: when the word ends with {@code suffix} and {@code condition} holds for what precedes it,
     * the suffix becomes {@code replacement}.
     */
    private record Rule(String suffix, String replacement, Predicate<String> condition) {
        static Rule always(String suffix, String replacement) {
            return new Rule(suffix, replacement, stem -> true);
        }
    }

    /**
     * Stems a word.
     *
     * @param word the word; lower-cased first, as NLTK's {@code stem(word)} does by default
     * @return its stem
     */
    public String stem(String word) {
        String stem = word.toLowerCase(Locale.ROOT);
        // NLTK looks the word up before lower-casing it and returns the entry for the lower-cased word.
        if (IRREGULAR_FORMS.containsKey(word)) {
            return IRREGULAR_FORMS.get(stem);
        }
        // NLTK: "strings of length 1 or 2 don't go through the stemming process" (Python's len counts code points).
        if (word.codePointCount(0, word.length()) <= 2) {
            return stem;
        }
        stem = step1a(stem);
        stem = step1b(stem);
        stem = step1c(stem);
        stem = step2(stem);
        stem = step3(stem);
        stem = step4(stem);
        stem = step5a(stem);
        return step5b(stem);
    }

    private static boolean isConsonant(String word, int i) {
        char c = word.charAt(i);
        if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u') {
            return false;
        }
        if (c == 'y') {
            return i == 0 || !isConsonant(word, i - 1);
        }
        return true;
    }

    /** Porter's m: the number of vowel-consonant sequences in [C](VC){m}[V]. */
    private static int measure(String stem) {
        int m = 0;
        for (int i = 0; i + 1 < stem.length(); i++) {
            if (!isConsonant(stem, i) && isConsonant(stem, i + 1)) {
                m++;
            }
        }
        return m;
    }

    private static boolean hasPositiveMeasure(String stem) {
        return measure(stem) > 0;
    }

    private static boolean containsVowel(String stem) {
        for (int i = 0; i < stem.length(); i++) {
            if (!isConsonant(stem, i)) {
                return true;
            }
        }
        return false;
    }

    /** Porter's *d. */
    private static boolean endsDoubleConsonant(String word) {
        int n = word.length();
        return n >= 2 && word.charAt(n - 1) == word.charAt(n - 2) && isConsonant(word, n - 1);
    }

    /** Porter's *o, with NLTK's extension to two-letter stems (vowel, consonant). */
    private static boolean endsCvc(String word) {
        int n = word.length();
        boolean cvc = n >= 3 && isConsonant(word, n - 3) && !isConsonant(word, n - 2) && isConsonant(word, n - 1)
                && "wxy".indexOf(word.charAt(n - 1)) < 0;
        return cvc || (n == 2 && !isConsonant(word, 0) && isConsonant(word, 1));
    }

    private static String cut(String word, String suffix) {
        return word.substring(0, word.length() - suffix.length());
    }

    /** NLTK's {@code _apply_rule_list}: the first rule whose suffix matches decides. */
    private static String applyRules(String word, List<Rule> rules) {
        for (Rule rule : rules) {
            if (rule.suffix().equals(DOUBLE_CONSONANT) && endsDoubleConsonant(word)) {
                String stem = word.substring(0, word.length() - 2);
                return rule.condition().test(stem) ? stem + rule.replacement() : word;
            }
            if (word.endsWith(rule.suffix())) {
                String stem = cut(word, rule.suffix());
                return rule.condition().test(stem) ? stem + rule.replacement() : word;
            }
        }
        return word;
    }

    private static String step1a(String word) {
        // NLTK: 'flies' -> 'fli' but 'dies' -> 'die'
        if (word.endsWith("ies") && word.length() == 4) {
            return cut(word, "ies") + "ie";
        }
        return applyRules(word, List.of(
                Rule.always("sses", "ss"),
                Rule.always("ies", "i"),
                Rule.always("ss", "ss"),
                Rule.always("s", "")));
    }

    private static String step1b(String word) {
        // NLTK: 'spied' -> 'spi' but 'died' -> 'die'
        if (word.endsWith("ied")) {
            return cut(word, "ied") + (word.length() == 4 ? "ie" : "i");
        }
        if (word.endsWith("eed")) {
            String stem = cut(word, "eed");
            return measure(stem) > 0 ? stem + "ee" : word;
        }
        String intermediate = null;
        for (String suffix : List.of("ed", "ing")) {
            if (word.endsWith(suffix) && containsVowel(cut(word, suffix))) {
                intermediate = cut(word, suffix);
                break;
            }
        }
        if (intermediate == null) {
            return word;
        }
        char last = intermediate.charAt(intermediate.length() - 1);
        return applyRules(intermediate, List.of(
                Rule.always("at", "ate"),
                Rule.always("bl", "ble"),
                Rule.always("iz", "ize"),
                new Rule(DOUBLE_CONSONANT, String.valueOf(last), stem -> last != 'l' && last != 's' && last != 'z'),
                new Rule("", "e", stem -> measure(stem) == 1 && endsCvc(stem))));
    }

    private static String step1c(String word) {
        // NLTK: y -> i only after a consonant that is not the whole stem ('happy' -> 'happi', 'enjoy' stays)
        return applyRules(word, List.of(
                new Rule("y", "i", stem -> stem.length() > 1 && isConsonant(stem, stem.length() - 1))));
    }

    private static String step2(String word) {
        // NLTK applies ALLI -> AL first and, when it succeeds, runs the result through step 2 again.
        if (word.endsWith("alli") && hasPositiveMeasure(cut(word, "alli"))) {
            return step2(cut(word, "alli") + "al");
        }
        Predicate<String> m0 = PorterStemmer::hasPositiveMeasure;
        return applyRules(word, List.of(
                new Rule("ational", "ate", m0),
                new Rule("tional", "tion", m0),
                new Rule("enci", "ence", m0),
                new Rule("anci", "ance", m0),
                new Rule("izer", "ize", m0),
                new Rule("bli", "ble", m0),
                new Rule("alli", "al", m0),
                new Rule("entli", "ent", m0),
                new Rule("eli", "e", m0),
                new Rule("ousli", "ous", m0),
                new Rule("ization", "ize", m0),
                new Rule("ation", "ate", m0),
                new Rule("ator", "ate", m0),
                new Rule("alism", "al", m0),
                new Rule("iveness", "ive", m0),
                new Rule("fulness", "ful", m0),
                new Rule("ousness", "ous", m0),
                new Rule("aliti", "al", m0),
                new Rule("iviti", "ive", m0),
                new Rule("biliti", "ble", m0),
                new Rule("fulli", "ful", m0),
                // the 'l' of 'logi' stays with the stem, so the measure is taken on the word minus 'ogi'
                new Rule("logi", "log", stem -> hasPositiveMeasure(word.substring(0, word.length() - 3)))));
    }

    private static String step3(String word) {
        Predicate<String> m0 = PorterStemmer::hasPositiveMeasure;
        return applyRules(word, List.of(
                new Rule("icate", "ic", m0),
                new Rule("ative", "", m0),
                new Rule("alize", "al", m0),
                new Rule("iciti", "ic", m0),
                new Rule("ical", "ic", m0),
                new Rule("ful", "", m0),
                new Rule("ness", "", m0)));
    }

    private static String step4(String word) {
        Predicate<String> m1 = stem -> measure(stem) > 1;
        return applyRules(word, List.of(
                new Rule("al", "", m1),
                new Rule("ance", "", m1),
                new Rule("ence", "", m1),
                new Rule("er", "", m1),
                new Rule("ic", "", m1),
                new Rule("able", "", m1),
                new Rule("ible", "", m1),
                new Rule("ant", "", m1),
                new Rule("ement", "", m1),
                new Rule("ment", "", m1),
                new Rule("ent", "", m1),
                new Rule("ion", "", stem -> measure(stem) > 1
                        && (stem.charAt(stem.length() - 1) == 's' || stem.charAt(stem.length() - 1) == 't')),
                new Rule("ou", "", m1),
                new Rule("ism", "", m1),
                new Rule("ate", "", m1),
                new Rule("iti", "", m1),
                new Rule("ous", "", m1),
                new Rule("ive", "", m1),
                new Rule("ize", "", m1)));
    }

    private static String step5a(String word) {
        // Both E rules are tried (NLTK cannot use its rule list here: the second rule's condition must be checked
        // when the first one's fails).
        if (word.endsWith("e")) {
            String stem = cut(word, "e");
            int m = measure(stem);
            if (m > 1 || (m == 1 && !endsCvc(stem))) {
                return stem;
            }
        }
        return word;
    }

    private static String step5b(String word) {
        return applyRules(word, List.of(
                new Rule("ll", "l", stem -> measure(word.substring(0, word.length() - 1)) > 1)));
    }
}
