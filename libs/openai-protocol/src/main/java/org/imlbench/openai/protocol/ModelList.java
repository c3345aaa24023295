package org.imlbench.openai.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code GET /v1/models} response ({@code object: list}).
 *
 * @param data the served models
 */
public record ModelList(List<ModelCard> data) {
    /** Copies the list. */
    public ModelList {
        data = List.copyOf(data);
    }

    /** @return the list as JSON, as a server sends it */
    public byte[] toJson() {
        ObjectNode root = Json.object();
        root.put("object", "list");
        ArrayNode array = root.putArray("data");
        for (ModelCard card : data) {
            ObjectNode m = array.addObject();
            m.put("id", card.id());
            m.put("object", "model");
            m.put("created", card.created());
            m.put("owned_by", card.ownedBy());
            if (card.maxModelLen() > 0) {
                m.put("max_model_len", card.maxModelLen());
            }
        }
        return Json.bytes(root);
    }

    /**
     * @param body the HTTP body of {@code GET /v1/models}
     * @return the models
     * @throws ProtocolException when the body is not a model list
     */
    public static ModelList parse(byte[] body) throws ProtocolException {
        JsonNode root = Json.parseObject(body, "the model list");
        List<ModelCard> cards = new ArrayList<>();
        for (JsonNode m : Json.array(root, "data")) {
            if (!m.isObject() || Json.text(m, "id", null) == null) {
                throw new ProtocolException("data", "every model needs an 'id'");
            }
            cards.add(new ModelCard(m.get("id").textValue(), m.path("created").asLong(0),
                    m.path("owned_by").asText(""), m.path("max_model_len").asInt(0)));
        }
        return new ModelList(cards);
    }
}
