package org.imlbench.djl.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.imlbench.testkit.SharedData;

/** Reads {@code fixtures/opt/golden.json} (float64 reference outputs of the three tiny OPT checkpoints). */
public final class Golden {
    /** The three checkpoints the golden file covers. */
    public static final List<String> FIXTURES = List.of("opt-tiny", "opt-tiny-postln", "opt-tiny-bf16-sharded");

    private Golden() {
    }

    /** @return the directory of the fixtures */
    public static Path fixturesDir() {
        return SharedData.fixtures("opt");
    }

    /**
     * @param fixture a name from {@link #FIXTURES}
     * @return its node in golden.json
     * @throws IOException when unreadable
     */
    public static JsonNode of(String fixture) throws IOException {
        return new ObjectMapper().readTree(fixturesDir().resolve("golden.json").toFile()).get("fixtures").get(fixture);
    }

    /** @return the ints of a JSON array */
    public static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    /** @return the ints of a JSON array as a list */
    public static List<Integer> intList(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }

    /** @return a matrix of ints */
    public static int[][] matrix(JsonNode rows) {
        int[][] out = new int[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = ints(rows.get(i));
        }
        return out;
    }
}
