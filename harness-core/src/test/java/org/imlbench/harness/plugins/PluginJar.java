package org.imlbench.harness.plugins;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds a plugin (or library) jar at test time: writes the sources, compiles them with {@code javax.tools} and
 * packs the classes and resources into a jar, as a third-party author would.
 */
public final class PluginJar {
    private final Path workDir;
    private final Map<String, String> sources = new TreeMap<>();
    private final Map<String, String> resources = new TreeMap<>();
    private final List<Path> modulePath = new ArrayList<>();
    private final List<Path> classPath = new ArrayList<>();
    private String moduleVersion;
    private String implementationVersion;

    private PluginJar(Path workDir) {
        this.workDir = workDir;
    }

    /**
     * @param workDir an empty scratch folder for sources and classes
     * @return a builder
     */
    public static PluginJar in(Path workDir) {
        return new PluginJar(workDir);
    }

    /**
     * Adds a source file.
     *
     * @param path its path relative to the source root, e.g. {@code org/x/Foo.java} or {@code module-info.java}
     * @param text its contents
     * @return this
     */
    public PluginJar source(String path, String text) {
        sources.put(path, text);
        return this;
    }

    /**
     * Adds every file under a folder: {@code .java} files as sources, everything else as resources.
     *
     * @param root the source root
     * @return this
     * @throws IOException when the folder cannot be read
     */
    public PluginJar sourceTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (relative.endsWith(".java")) {
                    sources.put(relative, text);
                } else {
                    resources.put(relative, text);
                }
            }
        }
        return this;
    }

    /**
     * Adds a resource, e.g. a {@code META-INF/services} file.
     *
     * @param path its path in the jar
     * @param text its contents
     * @return this
     */
    public PluginJar resource(String path, String text) {
        resources.put(path, text);
        return this;
    }

    /**
     * @param jars jars or folders to compile against on the module path
     * @return this
     */
    public PluginJar modulePath(List<Path> jars) {
        modulePath.addAll(jars);
        return this;
    }

    /**
     * @param entries jars or folders to compile against on the class path
     * @return this
     */
    public PluginJar classPath(List<Path> entries) {
        classPath.addAll(entries);
        return this;
    }

    /**
     * @param version recorded in {@code module-info.class}
     * @return this
     */
    public PluginJar moduleVersion(String version) {
        moduleVersion = version;
        return this;
    }

    /**
     * @param version recorded as the manifest's {@code Implementation-Version}
     * @return this
     */
    public PluginJar implementationVersion(String version) {
        implementationVersion = version;
        return this;
    }

    /**
     * Compiles the sources into {@code workDir/classes} and copies the resources next to them.
     *
     * @return the class folder
     * @throws IOException when files cannot be written
     */
    public Path compile() throws IOException {
        Path sourceRoot = Files.createDirectories(workDir.resolve("src"));
        Path classes = Files.createDirectories(workDir.resolve("classes"));
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", classes.toString()));
        if (!modulePath.isEmpty()) {
            arguments.addAll(List.of("--module-path", join(modulePath)));
        }
        if (!classPath.isEmpty()) {
            arguments.addAll(List.of("-classpath", join(classPath)));
        }
        if (moduleVersion != null) {
            arguments.addAll(List.of("--module-version", moduleVersion));
        }
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = sourceRoot.resolve(source.getKey());
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
            files.add(file);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(diagnostics, fileManager, null, arguments, null,
                    fileManager.getJavaFileObjectsFromPaths(files)).call();
            if (!ok) {
                throw new AssertionError("test plugin does not compile:\n" + diagnostics);
            }
        }
        for (Map.Entry<String, String> resource : resources.entrySet()) {
            Path file = classes.resolve(resource.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, resource.getValue(), StandardCharsets.UTF_8);
        }
        return classes;
    }

    /**
     * Compiles and jars the plugin.
     *
     * @param jar the jar to write (its folder is created)
     * @return {@code jar}
     * @throws IOException when files cannot be written
     */
    public Path jar(Path jar) throws IOException {
        Path classes = compile();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (implementationVersion != null) {
            manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, implementationVersion);
        }
        Files.createDirectories(jar.toAbsolutePath().getParent());
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             Stream<Path> entries = Files.walk(classes)) {
            for (Path entry : entries.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(entry).toString().replace('\\', '/')));
                Files.copy(entry, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    private static String join(List<Path> paths) {
        return String.join(File.pathSeparator, paths.stream().map(Path::toString).toList());
    }
}
