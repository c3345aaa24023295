package org.imlbench.tasks.bbh;

import java.util.ArrayList;
import java.util.List;
import org.imlbench.api.Demonstration;

/**
 * A BIG-Bench Hard chain-of-thought prompt file ({@code cot-prompts/<task>.txt}): a canary header ending in a
 * {@code -----} line, a one-line task description, then exemplars {@code Q: ...\nA: Let's think step by step.\n...
 * So the answer is X.} separated by blank lines.
 *
 * @param text the prompt without the canary header (what the official evaluation puts before each question)
 * @param description the task description line
 * @param exemplars the exemplars: input = the question, output = everything after {@code A: }
 */
record CotPrompt(String text, String description, List<Demonstration> exemplars) {
    CotPrompt {
        exemplars = List.copyOf(exemplars);
    }

    /**
     * @param raw the file's text
     * @return the parsed prompt
     * @throws IllegalArgumentException when the layout is not the one described above
     */
    static CotPrompt parse(String raw) {
        String body = raw.replace("\r\n", "\n");
        int rule = body.indexOf("\n-----\n");
        if (rule >= 0) {
            body = body.substring(rule + "\n-----\n".length());
        }
        body = body.strip();
        int firstQuestion = body.startsWith("Q: ") ? 0 : body.indexOf("\n\nQ: ");
        if (firstQuestion < 0) {
            throw new IllegalArgumentException("no exemplar (no line starting with \"Q: \")");
        }
        String description = body.substring(0, firstQuestion).strip();
        List<Demonstration> exemplars = new ArrayList<>();
        for (String block : body.substring(firstQuestion).strip().split("\n\n(?=Q: )")) {
            int answer = block.indexOf("\nA: ");
            if (!block.startsWith("Q: ") || answer < 0) {
                throw new IllegalArgumentException("exemplar without \"Q: \" and \"A: \": " + abbreviate(block));
            }
            exemplars.add(new Demonstration(block.substring(3, answer), block.substring(answer + 4).strip(), ""));
        }
        return new CotPrompt(body, description, exemplars);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
