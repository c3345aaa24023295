package org.imlbench.metrics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PorterStemmerTest {
    private final PorterStemmer stemmer = new PorterStemmer();

    /**
     * The examples of Porter's paper ("An algorithm for suffix stripping", 1980) with the stems NLTK's default
     * NLTK_EXTENSIONS mode gives (nltk/stem/porter.py), including the places where NLTK departs from the paper:
     * ties -> tie (four-letter ies), happy -> happi but enjoy kept, spy -> spi, the irregular forms, logi -> log.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // step 1a
            "caresses, caress", "ponies, poni", "ties, tie", "caress, caress", "cats, cat",
            // step 1b
            "feed, feed", "agreed, agre", "plastered, plaster", "bled, bled", "motoring, motor", "sing, sing",
            "conflated, conflat", "troubled, troubl", "sized, size", "hopping, hop", "falling, fall",
            "hissing, hiss", "fizzed, fizz", "failing, fail", "filing, file",
            // step 1c (NLTK: only after a consonant)
            "happy, happi", "sky, sky", "enjoy, enjoy", "spy, spi",
            // step 2
            "relational, relat", "conditional, condit", "rational, ration", "digitizer, digit",
            "radically, radic", "differently, differ", "analogously, analog", "vietnamization, vietnam",
            "predication, predic", "operator, oper", "feudalism, feudal", "decisiveness, decis",
            "hopefulness, hope", "callousness, callous", "formality, formal", "sensitivity, sensit",
            "sensibility, sensibl", "archaeology, archaeolog", "geology, geolog",
            // step 3
            "triplicate, triplic", "formative, form", "formalize, formal", "electricity, electr",
            "electrical, electr", "hopeful, hope", "goodness, good",
            // step 4
            "revival, reviv", "allowance, allow", "inference, infer", "airliner, airlin", "adjustable, adjust",
            "defensible, defens", "irritant, irrit", "replacement, replac", "adjustment, adjust",
            "dependent, depend", "adoption, adopt", "communism, commun", "activate, activ",
            "angularity, angular", "homologous, homolog", "effective, effect", "bowdlerize, bowdler",
            // step 5
            "probate, probat", "rate, rate", "cease, ceas", "controlling, control", "roll, roll",
            // NLTK's irregular forms and extensions
            "dying, die", "skies, sky", "news, news", "flies, fli", "dies, die", "spied, spi", "died, die",
            "generously, gener",
            // the pair ROUGE-L must conflate
            "running, run", "runs, run", "run, run",
            // one or two letters are never stemmed; upper case is lowered
            "a, a", "at, at", "Running, run"
    })
    void stemsLikeNltk(String word, String stem) {
        assertEquals(stem, stemmer.stem(word));
    }

    /** porter-golden.tsv: 1,590 words stemmed by NLTK 3.8's PorterStemmer() (see tools/make_golden.py). */
    @Test
    void agreesWithNltkOnTheGoldenVocabulary() throws IOException {
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        try (InputStream in = getClass().getResourceAsStream("/porter-golden.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] fields = line.split("\t");
                String actual = stemmer.stem(fields[0]);
                if (!actual.equals(fields[1])) {
                    mismatches.add(fields[0] + ": NLTK " + fields[1] + ", here " + actual);
                }
                checked++;
            }
        }
        assertTrue(checked > 1500, "golden file too short: " + checked);
        assertEquals(List.of(), mismatches);
    }
}
