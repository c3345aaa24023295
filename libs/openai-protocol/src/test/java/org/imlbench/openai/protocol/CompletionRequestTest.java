package org.imlbench.openai.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a server accepts and refuses, and that a client's requests read back as sent. */
class CompletionRequestTest {
    private static final CompletionRequest.Limits LIMITS = new CompletionRequest.Limits(4, 100, 3, 1);

    private static CompletionRequest parse(String json) throws ProtocolException {
        return CompletionRequest.parse(json.getBytes(StandardCharsets.UTF_8), LIMITS);
    }

    private static ProtocolException refused(String json) {
        return assertThrows(ProtocolException.class, () -> parse(json), json);
    }

    @Test
    void readsEveryPromptShape() throws Exception {
        CompletionRequest one = parse("{\"model\":\"m\",\"prompt\":\"hi\"}");
        assertEquals(List.of(new Prompt.Text("hi")), one.prompts());
        assertEquals(CompletionRequest.DEFAULT_MAX_TOKENS, one.maxTokens());
        assertFalse(one.echo());
        assertNull(one.logprobs());
        assertEquals(2, parse("{\"model\":\"m\",\"prompt\":[\"a\",\"b\"]}").prompts().size());
        assertEquals(List.of(new Prompt.TokenIds(List.of(2, 7))),
                parse("{\"model\":\"m\",\"prompt\":[2,7]}").prompts());
        assertEquals(List.of(new Prompt.TokenIds(List.of(2)), new Prompt.TokenIds(List.of(3, 4))),
                parse("{\"model\":\"m\",\"prompt\":[[2],[3,4]]}").prompts());
        CompletionRequest scoring = parse("{\"model\":\"m\",\"prompt\":\"x\",\"max_tokens\":0,\"echo\":true,"
                + "\"logprobs\":1,\"temperature\":0,\"seed\":1234,\"stop\":[\"\\n\",\"Q:\"],\"n\":1,\"stream\":false}");
        assertEquals(0, scoring.maxTokens());
        assertTrue(scoring.echo());
        assertEquals(1, scoring.logprobs());
        assertEquals(List.of("\n", "Q:"), scoring.stop());
        assertEquals(List.of("."), parse("{\"model\":\"m\",\"prompt\":\"x\",\"stop\":\".\"}").stop());
    }

    @Test
    void refusesMalformedAndIllTypedRequestsNamingTheParameter() {
        assertNull(refused("{\"model\":").param());
        assertTrue(refused("[1,2]").getMessage().contains("JSON object"));
        assertTrue(refused("{} trailing").getMessage().contains("not valid JSON"));
        assertEquals("model", refused("{\"prompt\":\"x\"}").param());
        assertEquals("model", refused("{\"model\":7,\"prompt\":\"x\"}").param());
        assertEquals("prompt", refused("{\"model\":\"m\"}").param());
        assertEquals("prompt", refused("{\"model\":\"m\",\"prompt\":[]}").param());
        assertEquals("prompt", refused("{\"model\":\"m\",\"prompt\":{\"a\":1}}").param());
        assertEquals("prompt", refused("{\"model\":\"m\",\"prompt\":[\"a\",3]}").param());
        assertEquals("prompt", refused("{\"model\":\"m\",\"prompt\":[-1]}").param());
        assertEquals("prompt", refused("{\"model\":\"m\",\"prompt\":[1e30]}").param());
        assertEquals("prompt", refused("{\"model\":\"m\",\"prompt\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}").param());
        assertEquals("max_tokens", refused("{\"model\":\"m\",\"prompt\":\"x\",\"max_tokens\":\"5\"}").param());
        assertEquals("max_tokens", refused("{\"model\":\"m\",\"prompt\":\"x\",\"max_tokens\":2.5}").param());
        assertEquals("max_tokens", refused("{\"model\":\"m\",\"prompt\":\"x\",\"max_tokens\":-1}").param());
        ProtocolException huge = refused("{\"model\":\"m\",\"prompt\":\"x\",\"max_tokens\":99999999999999}");
        assertEquals("max_tokens", huge.param());
        assertTrue(huge.getMessage().contains("between 0 and 100"), huge.getMessage());
        assertEquals("temperature", refused("{\"model\":\"m\",\"prompt\":\"x\",\"temperature\":0.7}").param());
        assertEquals("temperature", refused("{\"model\":\"m\",\"prompt\":\"x\",\"temperature\":\"0\"}").param());
        assertEquals("echo", refused("{\"model\":\"m\",\"prompt\":\"x\",\"echo\":\"yes\"}").param());
        assertEquals("logprobs", refused("{\"model\":\"m\",\"prompt\":\"x\",\"logprobs\":5}").param());
        assertEquals("stop", refused("{\"model\":\"m\",\"prompt\":\"x\",\"stop\":[1]}").param());
        assertEquals("stop", refused("{\"model\":\"m\",\"prompt\":\"x\",\"stop\":[\"a\",\"b\",\"c\",\"d\"]}").param());
        assertEquals("n", refused("{\"model\":\"m\",\"prompt\":\"x\",\"n\":2}").param());
        assertEquals("stream", refused("{\"model\":\"m\",\"prompt\":\"x\",\"stream\":true}").param());
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertNull(refused("{\"model\":\"m\",\"prompt\":" + deep + "}").param());
    }

    @Test
    void clientRequestsReadBackAsSent() throws Exception {
        CompletionRequest scoring = CompletionRequest.echoScoring("m", List.of("a b", "a c"));
        assertEquals(scoring, CompletionRequest.parse(scoring.toJson(), LIMITS));
        CompletionRequest greedy = CompletionRequest.greedy("m", "Q: 1+1?", 5, List.of("\n"));
        assertEquals(greedy, CompletionRequest.parse(greedy.toJson(), LIMITS));
        CompletionRequest ids = new CompletionRequest("m", List.of(new Prompt.TokenIds(List.of(2, 5)),
                new Prompt.Text("x")), 0, true, 0, List.of());
        assertEquals(ids, CompletionRequest.parse(ids.toJson(), LIMITS));
    }
}
