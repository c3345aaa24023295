package org.imlbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.imlbench.api.Sample;
import org.junit.jupiter.api.Test;

/**
 * niv2-golden.jsonl: 400 prediction/references pairs (case, punctuation, Unicode spaces, non-ASCII text, shuffled and
 * missing words, one to three references) scored by the official definitions: Super-NaturalInstructions'
 * normalize_answer, exact_match and metric_max_over_ground_truths, rouge_score's tokenizer and LCS with NLTK 3.8's
 * Porter stemmer, and SQuAD's f1 (tools/make_golden.py).
 */
class OfficialGoldenTest {
    private static final double EPS = 1e-12;

    @Test
    void matchesTheOfficialScriptsOnEveryPair() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ExactMatch exactMatch = new ExactMatch();
        RougeLMetric rougeL = new RougeLMetric();
        TokenF1Metric tokenF1 = new TokenF1Metric();
        List<String> mismatches = new ArrayList<>();
        int rows = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/niv2-golden.jsonl"), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode row = json.readTree(line);
                List<String> references = new ArrayList<>();
                row.get("references").forEach(reference -> references.add(reference.asText()));
                Sample sample = Samples.generation(row.get("prediction").asText(), references.toArray(String[]::new));
                check(mismatches, rows, "exact_match", row, exactMatch.score(sample));
                check(mismatches, rows, "rouge_l", row, rougeL.score(sample));
                check(mismatches, rows, "token_f1", row, tokenF1.score(sample));
                rows++;
            }
        }
        assertEquals(400, rows);
        assertTrue(mismatches.isEmpty(), mismatches.size() + " mismatches, e.g. " + mismatches.subList(0,
                Math.min(5, mismatches.size())));
    }

    private static void check(List<String> mismatches, int row, String metric, JsonNode expected, double actual) {
        double want = expected.get(metric).asDouble();
        if (Math.abs(want - actual) > EPS) {
            mismatches.add("row " + row + " " + metric + ": official " + want + ", here " + actual + " for "
                    + expected);
        }
    }
}
