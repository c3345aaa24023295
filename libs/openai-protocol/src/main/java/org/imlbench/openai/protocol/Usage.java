package org.imlbench.openai.protocol;

/**
 * Token counts of one response.
 *
 * @param promptTokens tokens of all prompts
 * @param completionTokens tokens generated for all prompts
 */
public record Usage(int promptTokens, int completionTokens) {
    /** @return prompt plus completion tokens */
    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
