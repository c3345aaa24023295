package org.imlbench.reports.allure;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.imlbench.reports.GroupSummary;
import org.imlbench.reports.RunSummary;
import org.imlbench.rundir.Split;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** A bar chart of each model's headline score per category of a split (and the split overall), as PNG. */
final class CategoryChartRenderer {
    private static final List<Color> COLORS = List.of(new Color(0x9e, 0x9e, 0x9e), new Color(0x1e, 0x88, 0xe5),
            new Color(0x43, 0xa0, 0x47));

    byte[] render(RunSummary summary, Split split) throws IOException {
        List<GroupSummary> groups = new ArrayList<>();
        summary.split(split).ifPresent(groups::add);
        groups.addAll(summary.categoriesOf(split));
        List<String> labels = groups.stream()
                .map(g -> g.category() == null ? "all " + split : g.category()).toList();
        int width = Math.max(640, 90 * labels.size() + 200);
        CategoryChart chart = new CategoryChartBuilder().width(width).height(480)
                .title(split + ": headline score per category (macro average, ×100)")
                .xAxisTitle("category").yAxisTitle("score ×100").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        chart.getStyler().setXAxisLabelRotation(labels.size() > 4 ? 30 : 0);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setToolTipsEnabled(false);
        List<String> roles = summary.roles();
        List<Color> colors = new ArrayList<>();
        for (int i = 0; i < roles.size(); i++) {
            String role = roles.get(i);
            List<Number> values = groups.stream()
                    .map(g -> (Number) g.score(role).map(e -> e.value() * 100).orElse(0.0)).toList();
            chart.addSeries(role + ": " + summary.run().modelName(role), labels, values);
            colors.add(COLORS.get(Math.min(i, COLORS.size() - 1)));
        }
        chart.getStyler().setSeriesColors(colors.toArray(Color[]::new));
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }
}
