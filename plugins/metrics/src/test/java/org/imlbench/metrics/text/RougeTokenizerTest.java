package org.imlbench.metrics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** rouge_score's tokenize(): lower, [^a-z0-9]+ -> space, split, stem tokens longer than 3, keep [a-z0-9]+. */
class RougeTokenizerTest {
    private final RougeTokenizer tokenizer = RougeTokenizer.withStemmer();

    @Test
    void lowerCasesSplitsOnNonAlphanumericsAndStemsLongTokens() {
        assertEquals(List.of("the", "runner", "were", "run", "3", "50", "km"),
                tokenizer.tokenize("The RUNNERS were running 3.50-km!"));
    }

    @Test
    void tokensOfThreeCharactersOrFewerAreNotStemmed() {
        // "ies" and "was" would change if stemmed; rouge_score only stems len(x) > 3
        assertEquals(List.of("ies", "was", "fli"), tokenizer.tokenize("ies was flies"));
    }

    @Test
    void nonAsciiLettersSeparateTokens() {
        assertEquals(List.of("caf", "au", "lait"), tokenizer.tokenize("Café au lait"));
        assertEquals(List.of("na", "ve"), tokenizer.tokenize("naïve"));
        assertEquals(List.of(), tokenizer.tokenize("北京 — ¿?"));
        assertEquals(List.of(), tokenizer.tokenize(""));
    }

    @Test
    void pythonLowerMapsSomeNonAsciiCapitalsToAscii() {
        // Python and Java both lower-case KELVIN SIGN to 'k' and DOTTED CAPITAL I to "i" + COMBINING DOT ABOVE
        assertEquals(List.of("km"), tokenizer.tokenize("\u212Am"));
        assertEquals(List.of("i", "stanbul"), tokenizer.tokenize("\u0130stanbul"));
    }

    @Test
    void withoutStemmerTokensAreKept() {
        assertEquals(List.of("running", "runs"), new RougeTokenizer(null).tokenize("Running, runs"));
    }
}
