package org.example.firstword;

import java.util.Locale;
import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.Metric;
import org.imlbench.api.Prediction;
import org.imlbench.api.Sample;
import org.imlbench.api.Task;

/**
 * {@code first_word}: 1 when the answer's first word equals the first word of any reference, ignoring case and
 * punctuation, else 0. It judges generated text and rank classification alike (the chosen option is the answer), so
 * it applies to every task. Use it with {@code --metrics first_word,rouge_l}; {@code --headline-metric first_word}
 * makes categories and splits aggregate it.
 */
public final class FirstWordMetric implements Metric {
    @Override
    public String name() {
        return "first_word";
    }

    @Override
    public int apiLevel() {
        return ImlbenchApi.LEVEL;
    }

    @Override
    public String description() {
        return "the answer starts with the reference's first word (example plugin)";
    }

    @Override
    public boolean appliesTo(Task task, String format) {
        return true;
    }

    @Override
    public double score(Sample sample) {
        String answer = answer(sample);
        String first = firstWord(answer);
        return sample.instance().references().stream().anyMatch(r -> !first.isEmpty() && first.equals(firstWord(r)))
                ? 1 : 0;
    }

    /** The generated text, or the option a rank classification chose. */
    private static String answer(Sample sample) {
        if (sample.prediction() instanceof Prediction.Ranked ranked) {
            return sample.instance().options().get(ranked.best(Prediction.LengthNormalization.NONE));
        }
        return ((Prediction.Text) sample.prediction()).text();
    }

    private static String firstWord(String text) {
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                return word;
            }
        }
        return "";
    }
}
