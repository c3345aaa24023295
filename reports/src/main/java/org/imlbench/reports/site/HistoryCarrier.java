package org.imlbench.reports.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Carries Allure history from a previously generated report into a results directory ({@code history/}), which is
 * how Allure 2 builds trends: the new report's {@code history/} then holds the previous entries plus this run's.
 */
final class HistoryCarrier {
    /**
     * Replaces {@code results/history/} with a copy of {@code previousReport/history/}, when the latter exists.
     *
     * @return true when history was carried
     */
    boolean carry(Path previousReport, Path results) throws IOException {
        Path target = results.resolve("history");
        deleteRecursively(target);
        Path source = previousReport.resolve("history");
        if (!Files.isDirectory(source)) {
            return false;
        }
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return true;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
