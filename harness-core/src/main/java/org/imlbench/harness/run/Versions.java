package org.imlbench.harness.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.imlbench.harness.plugins.PluginRegistry;

/** The versions recorded with a run, so that a report says exactly what produced it. */
final class Versions {
    private Versions() {
    }

    static Map<String, String> collect(PluginRegistry plugins, String backend) {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("imlbench", moduleVersion(Versions.class.getModule()));
        versions.put("java", System.getProperty("java.version"));
        plugins.descriptors().stream()
                .filter(d -> d.name().equals(backend))
                .findFirst()
                .ifPresent(d -> versions.put("backend " + backend, d.version()));
        return versions;
    }

    private static String moduleVersion(Module module) {
        if (module.getDescriptor() != null && module.getDescriptor().rawVersion().isPresent()) {
            return module.getDescriptor().rawVersion().get();
        }
        String implementation = Versions.class.getPackage().getImplementationVersion();
        return implementation == null ? "development" : implementation;
    }

    /** The commit checked out where the harness runs, or null outside a git checkout. */
    static String gitCommit(Path dir) {
        try {
            Process git = new ProcessBuilder("git", "-C", dir.toString(), "rev-parse", "HEAD")
                    .redirectErrorStream(true).start();
            if (!git.waitFor(5, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return null;
            }
            String text = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.exitValue() == 0 && text.matches("[0-9a-f]{40}") ? text : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
