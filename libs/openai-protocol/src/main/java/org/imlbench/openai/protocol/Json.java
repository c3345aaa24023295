package org.imlbench.openai.protocol;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reading and writing the protocol's JSON: one mapper, and typed field readers whose errors name the field. */
final class Json {
    /** Thread-safe once configured; never reconfigured. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /**
     * @param body bytes that must hold one JSON object
     * @param what what the body is, for messages
     * @return the object
     * @throws ProtocolException when the body is not a JSON object (including trailing garbage, too deep nesting)
     */
    static JsonNode parseObject(byte[] body, String what) throws ProtocolException {
        JsonNode root;
        try {
            root = MAPPER.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readValue(body);
        } catch (JacksonException e) {
            throw new ProtocolException(null, what + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ProtocolException(null, what + " cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ProtocolException(null, what + " must be a JSON object");
        }
        return root;
    }

    /** @return the field, or null when it is absent or JSON null */
    static JsonNode field(JsonNode object, String name) {
        JsonNode node = object.get(name);
        return node == null || node.isNull() ? null : node;
    }

    static String text(JsonNode object, String name, String fallback) throws ProtocolException {
        JsonNode node = field(object, name);
        if (node == null) {
            return fallback;
        }
        if (!node.isTextual()) {
            throw new ProtocolException(name, "'" + name + "' must be a string, not " + describe(node));
        }
        return node.textValue();
    }

    static int integer(JsonNode object, String name, int fallback, int min, int max) throws ProtocolException {
        JsonNode node = field(object, name);
        if (node == null) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new ProtocolException(name, "'" + name + "' must be an integer, not " + describe(node));
        }
        long value = node.longValue();
        if (value < min || value > max) {
            throw new ProtocolException(name, "'" + name + "' must be between " + min + " and " + max + ", not "
                    + node.asText());
        }
        return (int) value;
    }

    static boolean bool(JsonNode object, String name, boolean fallback) throws ProtocolException {
        JsonNode node = field(object, name);
        if (node == null) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw new ProtocolException(name, "'" + name + "' must be true or false, not " + describe(node));
        }
        return node.booleanValue();
    }

    static double number(JsonNode object, String name, double fallback) throws ProtocolException {
        JsonNode node = field(object, name);
        if (node == null) {
            return fallback;
        }
        if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
            throw new ProtocolException(name, "'" + name + "' must be a number, not " + describe(node));
        }
        return node.doubleValue();
    }

    /** @return a required array field's elements */
    static List<JsonNode> array(JsonNode object, String name) throws ProtocolException {
        JsonNode node = field(object, name);
        if (node == null || !node.isArray()) {
            throw new ProtocolException(name, "'" + name + "' must be an array"
                    + (node == null ? "" : ", not " + describe(node)));
        }
        List<JsonNode> out = new ArrayList<>(node.size());
        node.forEach(out::add);
        return out;
    }

    /** A short description of a value for messages: its type, and the value itself when it is short. */
    static String describe(JsonNode node) {
        String type = node.isTextual() ? "a string" : node.isArray() ? "an array" : node.isObject() ? "an object"
                : node.isBoolean() ? "a boolean" : node.isNumber() ? "the number" : node.getNodeType().toString();
        if (node.isNumber() || node.isBoolean()) {
            String value = node.asText();
            return type + " " + (value.length() > 40 ? value.substring(0, 40) + "..." : value);
        }
        return type;
    }
}
