package org.imlbench.harness.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ResolvedModule;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** Where a plugin class comes from (its jar) and which version that is. */
final class ModuleVersions {
    /** Shown when neither the module descriptor nor the jar manifest carries a version. */
    static final String UNVERSIONED = "unversioned";

    private ModuleVersions() {
    }

    /**
     * The module's version, else the {@code Implementation-Version} of its jar's manifest, else "unversioned".
     *
     * @param type a provider class
     * @return the version text
     */
    static String version(Class<?> type) {
        Module module = type.getModule();
        if (module.isNamed() && module.getDescriptor() != null) {
            Optional<String> raw = module.getDescriptor().rawVersion();
            if (raw.isPresent()) {
                return raw.get();
            }
        }
        return location(type).flatMap(ModuleVersions::manifestVersion).orElse(UNVERSIONED);
    }

    /**
     * The jar (or class folder) the class was loaded from, if known.
     *
     * @param type a class
     * @return its location
     */
    static Optional<Path> location(Class<?> type) {
        Module module = type.getModule();
        if (module.isNamed() && module.getLayer() != null) {
            Optional<URI> uri = module.getLayer().configuration().findModule(module.getName())
                    .map(ResolvedModule::reference)
                    .flatMap(reference -> reference.location());
            return uri.filter(u -> "file".equals(u.getScheme())).map(Path::of);
        }
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static Optional<String> manifestVersion(Path location) {
        try {
            Manifest manifest;
            if (Files.isDirectory(location)) {
                Path file = location.resolve(JarFile.MANIFEST_NAME);
                if (!Files.isRegularFile(file)) {
                    return Optional.empty();
                }
                try (InputStream in = Files.newInputStream(file)) {
                    manifest = new Manifest(in);
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    manifest = jar.getManifest();
                }
            }
            return Optional.ofNullable(manifest)
                    .map(m -> m.getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION))
                    .filter(v -> !v.isBlank());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
