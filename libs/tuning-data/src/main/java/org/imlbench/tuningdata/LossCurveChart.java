package org.imlbench.tuningdata;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.imlbench.api.TuningProgress;
import org.imlbench.files.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Saves a run's loss curve as a PNG (xchart) and as CSV, next to its checkpoint: every tuning backend writes the same
 * {@code loss.png} and {@code loss.csv}.
 */
public final class LossCurveChart {
    private LossCurveChart() {
    }

    /**
     * @param curve one point per step
     * @param png the picture to write (atomically)
     * @param title the chart's title
     * @throws IOException when writing fails
     */
    public static void writePng(List<TuningProgress> curve, Path png, String title) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");     // draws without a display (servers, CI)
        }
        double[] steps = new double[curve.size()];
        double[] losses = new double[curve.size()];
        for (int i = 0; i < curve.size(); i++) {
            steps[i] = curve.get(i).step();
            losses[i] = curve.get(i).loss();
        }
        XYChart chart = new XYChartBuilder().width(800).height(450).title(title).xAxisTitle("step")
                .yAxisTitle("target-token loss").build();
        chart.getStyler().setLegendVisible(false);
        if (curve.isEmpty()) {
            steps = new double[] {0};
            losses = new double[] {0};
        }
        chart.addSeries("loss", steps, losses).setMarker(SeriesMarkers.NONE);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(chart, bytes, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(png, bytes.toByteArray());
    }

    /**
     * @param curve one point per step
     * @param csv the file to write (atomically): step, loss, learning_rate, tokens_per_second
     * @throws IOException when writing fails
     */
    public static void writeCsv(List<TuningProgress> curve, Path csv) throws IOException {
        StringBuilder s = new StringBuilder("step,loss,learning_rate,tokens_per_second\n");
        for (TuningProgress p : curve) {
            s.append(String.format(Locale.ROOT, "%d,%.6f,%.6e,%.1f%n", p.step(), p.loss(), p.learningRate(),
                    p.tokensPerSecond()));
        }
        AtomicFiles.writeString(csv, s.toString());
    }
}
