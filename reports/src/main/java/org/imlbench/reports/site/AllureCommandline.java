package org.imlbench.reports.site;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Allure commandline ({@code io.qameta.allure:allure-commandline}, the version managed in the root pom), run as an
 * external process. Found, in order, at: system property {@code imlbench.allure.home}; environment variable
 * {@code ALLURE_HOME}; {@code <repo>/reports/target/allure-commandline/allure-<version>} where the repository is
 * system property {@code imlbench.repo}, any folder above this module's jar, or the working directory (the build
 * unpacks the zip there); finally the zip in the local Maven repository, unpacked once into
 * {@code ~/.cache/imlbench/allure-<version>}.
 */
public final class AllureCommandline {
    /** The system property naming Allure's home (the folder holding {@code bin/allure}). */
    public static final String HOME_PROPERTY = "imlbench.allure.home";
    private static final long TIMEOUT_MINUTES = 10;

    private final Path home;

    private AllureCommandline(Path home) {
        this.home = home;
    }

    /** @return the Allure commandline version the build manages */
    public static String version() {
        try (InputStream in = AllureCommandline.class.getResourceAsStream("/org/imlbench/reports/allure.properties")) {
            if (in == null) {
                throw new IllegalStateException("allure.properties is missing from the reports module");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read allure.properties", e);
        }
    }

    /**
     * Finds Allure commandline.
     *
     * @return it
     * @throws IOException when it is nowhere to be found (the message lists where it looked)
     */
    public static AllureCommandline locate() throws IOException {
        String folder = "allure-" + version();
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getProperty(HOME_PROPERTY)).map(Path::of).ifPresent(candidates::add);
        Optional.ofNullable(System.getenv("ALLURE_HOME")).filter(s -> !s.isBlank()).map(Path::of)
                .ifPresent(candidates::add);
        Path unpacked = Path.of("reports", "target", "allure-commandline", folder);
        Optional.ofNullable(System.getProperty("imlbench.repo")).map(p -> Path.of(p).resolve(unpacked))
                .ifPresent(candidates::add);
        for (Path dir = codeLocation(); dir != null; dir = dir.getParent()) {
            candidates.add(dir.resolve(unpacked));
            candidates.add(dir.resolve("allure-commandline").resolve(folder));
        }
        candidates.add(Path.of("").toAbsolutePath().resolve(unpacked));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate.resolve("bin").resolve("allure"))) {
                return new AllureCommandline(candidate.toAbsolutePath());
            }
        }
        Path cached = Path.of(System.getProperty("user.home"), ".cache", "imlbench", folder);
        if (Files.isRegularFile(cached.resolve("bin").resolve("allure"))) {
            return new AllureCommandline(cached);
        }
        Path zip = localRepository().resolve(Path.of("io", "qameta", "allure", "allure-commandline", version(),
                "allure-commandline-" + version() + ".zip"));
        if (Files.isRegularFile(zip)) {
            unzip(zip, cached.getParent());
            if (Files.isRegularFile(cached.resolve("bin").resolve("allure"))) {
                return new AllureCommandline(cached);
            }
        }
        throw new IOException("Allure commandline " + version() + " not found; looked in " + candidates + ", "
                + cached + " and " + zip + ". Build the reports module (./mvnw install) or set -D" + HOME_PROPERTY
                + "=DIR or ALLURE_HOME=DIR");
    }

    /** @return the folder holding {@code bin/allure} */
    public Path home() {
        return home;
    }

    /**
     * Runs {@code allure generate RESULTS -o OUT --clean [--single-file]}.
     *
     * @param results the results directory
     * @param out the report directory (replaced)
     * @param name the report's name
     * @param singleFile true for a single self-contained {@code index.html}
     * @throws IOException when Allure fails (the message carries its output)
     */
    public void generate(Path results, Path out, String name, boolean singleFile) throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", home.resolve("bin").resolve("allure").toString(),
                "generate", results.toAbsolutePath().toString(), "-o", out.toAbsolutePath().toString(), "--clean",
                "--name", name));
        if (singleFile) {
            command.add("--single-file");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("ALLURE_NO_ANALYTICS", "true");
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.remove("ALLURE_HOME");
        Process process = builder.start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("allure generate " + results + " took over " + TIMEOUT_MINUTES + " minutes");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating " + out, e);
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(out.resolve("index.html"))) {
            throw new IOException("allure generate " + results + " failed (exit " + process.exitValue() + "):\n"
                    + output.strip());
        }
    }

    private static Path codeLocation() {
        try {
            CodeSource source = AllureCommandline.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI()).toAbsolutePath().getParent();
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }

    private static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** Unpacks into a temporary sibling first and moves it into place, so a half-unpacked copy is never used. */
    private static void unzip(Path zip, Path parent) throws IOException {
        Files.createDirectories(parent);
        Path temp = Files.createTempDirectory(parent, ".unpack");
        Path top = null;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = temp.resolve(entry.getName()).normalize();
                if (!target.startsWith(temp)) {
                    throw new IOException(zip + ": entry " + entry.getName() + " escapes the target folder");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                if (top == null) {
                    top = temp.resolve(temp.relativize(target).getName(0));
                }
            }
        }
        if (top == null) {
            throw new IOException(zip + ": empty archive");
        }
        Path destination = parent.resolve(top.getFileName());
        if (!Files.exists(destination)) {
            Files.move(top, destination, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
