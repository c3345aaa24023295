package org.imlbench.openai.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Responses, model lists and errors read back as a server wrote them; foreign servers' extra fields are ignored. */
class CompletionResponseTest {
    @Test
    void responsesReadBackWithTheirNulls() throws Exception {
        Logprobs logprobs = new Logprobs(List.of("", "The", " cat"), Arrays.asList(null, -1.5, -0.25),
                Arrays.asList(null, Map.of(" A", -1.0), Map.of(" cat", -0.25)), List.of(0, 0, 3));
        CompletionResponse response = new CompletionResponse("cmpl-1", 1700000000L, "m", List.of(
                new Choice(0, "The cat", logprobs, Choice.LENGTH, null),
                new Choice(1, " sat", null, Choice.STOP, "\n")), new Usage(6, 1));
        CompletionResponse back = CompletionResponse.parse(response.toJson());
        assertEquals(response, back);
        assertNull(back.choices().get(0).logprobs().tokenLogprobs().get(0));
        assertEquals(7, back.usage().totalTokens());
    }

    @Test
    void foreignResponsesAreReadInIndexOrderAndBadOnesRefused() throws Exception {
        String vllm = "{\"id\":\"x\",\"object\":\"text_completion\",\"created\":1,\"model\":\"m\","
                + "\"system_fingerprint\":null,\"choices\":[{\"index\":1,\"text\":\"b\",\"logprobs\":null,"
                + "\"finish_reason\":\"stop\",\"stop_reason\":2,\"prompt_logprobs\":null},"
                + "{\"index\":0,\"text\":\"a\",\"finish_reason\":\"length\"}],"
                + "\"usage\":{\"prompt_tokens\":2,\"total_tokens\":4,\"completion_tokens\":2}}";
        CompletionResponse r = CompletionResponse.parse(vllm.getBytes(StandardCharsets.UTF_8));
        assertEquals("a", r.choices().get(0).text());
        assertNull(r.choices().get(1).stopReason(), "a stop token id is not a stop sequence");
        assertThrows(ProtocolException.class, () -> CompletionResponse.parse("{\"choices\":[{}]}"
                .getBytes(StandardCharsets.UTF_8)));
        assertThrows(ProtocolException.class, () -> CompletionResponse.parse(("{\"choices\":[{\"text\":\"a\","
                + "\"logprobs\":{\"tokens\":[\"a\"],\"token_logprobs\":[],\"text_offset\":[0]}}]}")
                .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void modelListsAndErrors() throws Exception {
        ModelList list = new ModelList(List.of(new ModelCard("opt", 1, "imlbench-djl", 2048)));
        assertEquals(list, ModelList.parse(list.toJson()));
        ErrorBody error = new ErrorBody("'max_tokens' must be an integer", ErrorBody.INVALID_REQUEST, "max_tokens",
                null);
        assertEquals(error.message(), ErrorBody.messageOf(error.toJson()));
        assertEquals("Bad Gateway", ErrorBody.messageOf("<html>Bad   Gateway</html>".replace("<html>", "")
                .replace("</html>", "").getBytes(StandardCharsets.UTF_8)));
        assertEquals("rate limited", ErrorBody.messageOf("{\"error\":\"rate limited\"}"
                .getBytes(StandardCharsets.UTF_8)));
    }
}
