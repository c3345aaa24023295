package org.imlbench.testkit;

import java.util.ArrayList;
import java.util.List;
import org.imlbench.api.TrainingExample;
import org.imlbench.api.TrainingExamples;

/**
 * A small, fixed training set for tuning tests: 60 questions {@code "Question: what is a plus b? Answer:"} with
 * targets {@code " a+b"}, spread over three tasks {@code synthetic/add0..2}. Every tuning backend's tests train on
 * it, so that runs of different backends can be compared example for example.
 */
public final class ArithmeticExamples {
    private ArithmeticExamples() {
    }

    /** @return the 60 examples, in a fixed order */
    public static TrainingExamples training() {
        List<TrainingExample> out = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int a = i * 7 % 23;
            int b = i * 5 % 17;
            out.add(new TrainingExample("synthetic/add" + (i % 3), "Question: what is " + a + " plus " + b
                    + "? Answer:", " " + (a + b)));
        }
        return TrainingExamples.of(out);
    }
}
