package org.imlbench.openai.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An OpenAI-style error body: {@code {"error": {"message", "type", "param", "code"}}}.
 *
 * @param message what went wrong, for the user
 * @param type {@code invalid_request_error}, {@code not_found_error}, {@code server_error}, ...
 * @param param the offending parameter, or null
 * @param code a machine-readable code, or null
 */
public record ErrorBody(String message, String type, String param, String code) {
    /** A request the server refuses (HTTP 4xx). */
    public static final String INVALID_REQUEST = "invalid_request_error";
    /** A model or path that does not exist (HTTP 404). */
    public static final String NOT_FOUND = "not_found_error";
    /** The server cannot take more work now (HTTP 503). */
    public static final String OVERLOADED = "server_overloaded";
    /** The server failed (HTTP 500). */
    public static final String SERVER_ERROR = "server_error";

    /** Checks for nulls. */
    public ErrorBody {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(type, "type");
    }

    /** @return the body as JSON */
    public byte[] toJson() {
        ObjectNode root = Json.object();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        if (param == null) {
            error.putNull("param");
        } else {
            error.put("param", param);
        }
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        return Json.bytes(root);
    }

    /**
     * The message of an error response, whatever the server put in its body: an OpenAI-style error's message, else
     * the body's first 200 characters.
     *
     * @param body an error response's body
     * @return a one-line message
     */
    public static String messageOf(byte[] body) {
        try {
            JsonNode error = Json.parseObject(body, "the error").path("error");
            if (error.isObject() && error.path("message").isTextual()) {
                return error.get("message").textValue();
            }
            if (error.isTextual()) {
                return error.textValue();
            }
        } catch (ProtocolException e) {
            // not JSON: the text itself is the best message there is
        }
        String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
