package org.imlbench.harness.plugins;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.imlbench.api.OptionKey;
import org.imlbench.api.Plugin;
import org.imlbench.api.PluginKind;
import org.imlbench.api.UsageException;

/**
 * Every plugin the harness can use, of the four {@link PluginKind kinds}: the built-in ones (boot layer and class
 * path) and the drop-in ones found in plugin directories, each drop-in jar or folder in its own {@link ModuleLayer}.
 * Plugins that cannot be loaded are kept as {@link #failures()}.
 */
public final class PluginRegistry {
    private final Map<PluginKind, List<Entry>> byKind;
    private final List<PluginFailure> failures;

    private record Entry(PluginDescriptor descriptor, Plugin plugin) {
    }

    private PluginRegistry(Map<PluginKind, List<Entry>> byKind, List<PluginFailure> failures) {
        this.byKind = byKind;
        this.failures = List.copyOf(failures);
    }

    /**
     * Finds and instantiates every plugin.
     *
     * @param pluginDirs directories of drop-in plugins (jars, or folders of jars), in priority order: when two
     *                   plugins of one kind share a name, the first one found wins (built-ins come first)
     * @param strict when true, the first plugin that cannot be loaded aborts discovery
     * @return the registry
     * @throws PluginLoadException in strict mode, for the first failure
     */
    public static PluginRegistry discover(List<Path> pluginDirs, boolean strict) {
        return discover(PluginRegistry.class.getClassLoader(), pluginDirs, strict);
    }

    /**
     * As {@link #discover(List, boolean)}, with the built-in plugins looked up through {@code builtIns} (tests use
     * a loader over freshly compiled providers).
     */
    static PluginRegistry discover(ClassLoader builtIns, List<Path> pluginDirs, boolean strict) {
        Collector collector = new Collector(strict);
        for (PluginKind kind : PluginKind.values()) {
            ProviderScanner.scan(kind, ServiceLoader.load(kind.service(), builtIns),
                    type -> true, type -> PluginDescriptor.BUILT_IN, PluginDescriptor.BUILT_IN,
                    collector::add, collector::fail);
        }
        for (Path dir : pluginDirs) {
            for (PluginBundle bundle : PluginBundle.scan(dir, collector::fail)) {
                loadBundle(bundle, collector);
            }
        }
        return collector.registry();
    }

    private static void loadBundle(PluginBundle bundle, Collector collector) {
        ModuleLayer layer;
        try {
            layer = BundleLayers.define(bundle);
        } catch (BundleLayers.BundleException e) {
            collector.fail(new PluginFailure(bundle.origin().toString(), e.getMessage()));
            return;
        }
        int before = collector.size();
        int failuresBefore = collector.failureCount();
        for (PluginKind kind : PluginKind.values()) {
            ProviderScanner.scan(kind, ServiceLoader.load(layer, kind.service()),
                    type -> type.getModule().getLayer() == layer,
                    type -> ModuleVersions.location(type).map(Path::toString).orElse(bundle.origin().toString()),
                    bundle.origin().toString(), collector::add, collector::fail);
        }
        if (collector.size() == before && collector.failureCount() == failuresBefore) {
            collector.fail(new PluginFailure(bundle.origin().toString(),
                    "provides no imlbench plugin (declare 'provides' in module-info or list it in META-INF/services)"));
        }
    }

    /**
     * The plugins of one kind, sorted by name.
     *
     * @param service the kind's service interface, e.g. {@code PromptFormat.class}
     * @param <T> the service type
     * @return the plugins
     */
    public <T extends Plugin> List<T> all(Class<T> service) {
        return byKind.get(kindOf(service)).stream().map(entry -> service.cast(entry.plugin())).toList();
    }

    /**
     * One plugin by name.
     *
     * @param service the kind's service interface
     * @param name the plugin's name
     * @param <T> the service type
     * @return the plugin
     * @throws UsageException naming the kind and the available names when there is none by that name
     */
    public <T extends Plugin> T get(Class<T> service, String name) {
        PluginKind kind = kindOf(service);
        return byKind.get(kind).stream()
                .filter(entry -> entry.descriptor().name().equals(name))
                .findFirst()
                .map(entry -> service.cast(entry.plugin()))
                .orElseThrow(() -> new UsageException("no " + kind.label() + " plugin named '" + name
                        + "'; available: " + names(kind)));
    }

    /** @return every loaded plugin, by kind and then name */
    public List<PluginDescriptor> descriptors() {
        return byKind.values().stream().flatMap(List::stream).map(Entry::descriptor).toList();
    }

    /** @return the plugins that could not be loaded, in the order they were met */
    public List<PluginFailure> failures() {
        return failures;
    }

    private String names(PluginKind kind) {
        String names = byKind.get(kind).stream().map(entry -> entry.descriptor().name())
                .collect(Collectors.joining(", "));
        return names.isEmpty() ? "(none)" : names;
    }

    private static PluginKind kindOf(Class<? extends Plugin> service) {
        for (PluginKind kind : PluginKind.values()) {
            if (kind.service().equals(service)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(service.getName() + " is not a plugin service interface");
    }

    /** Accumulates plugins and failures, rejecting a second plugin of one kind with a taken name. */
    private static final class Collector {
        private final boolean strict;
        private final Map<PluginKind, Map<String, Entry>> byKind = new EnumMap<>(PluginKind.class);
        private final List<PluginFailure> failures = new ArrayList<>();

        Collector(boolean strict) {
            this.strict = strict;
            for (PluginKind kind : PluginKind.values()) {
                byKind.put(kind, new LinkedHashMap<>());
            }
        }

        void add(ProviderScanner.Candidate candidate) {
            Class<?> type = candidate.type();
            String origin = type.getModule().getLayer() == null || type.getModule().getLayer() == ModuleLayer.boot()
                    ? PluginDescriptor.BUILT_IN
                    : ModuleVersions.location(type).map(Path::toString).orElse("unknown");
            Plugin plugin = candidate.plugin();
            String module = type.getModule().isNamed() ? type.getModule().getName() : "unnamed";
            List<OptionKey<?>> options;
            try {
                options = List.copyOf(plugin.declaredOptions());
            } catch (RuntimeException e) {
                fail(new PluginFailure(origin, candidate.kind().label() + " plugin '" + plugin.name()
                        + "': declaredOptions() failed: " + OneLine.of(String.valueOf(e))));
                return;
            }
            PluginDescriptor descriptor = new PluginDescriptor(candidate.kind(), plugin.name(),
                    ModuleVersions.version(type), module, origin, describe(plugin), options);
            Map<String, Entry> named = byKind.get(candidate.kind());
            Entry taken = named.get(descriptor.name());
            if (taken != null) {
                fail(new PluginFailure(origin, candidate.kind().label() + " name '" + descriptor.name()
                        + "' is already taken by module " + taken.descriptor().module() + " ("
                        + taken.descriptor().origin() + ")"));
                return;
            }
            named.put(descriptor.name(), new Entry(descriptor, plugin));
        }

        void fail(PluginFailure failure) {
            if (strict) {
                throw new PluginLoadException(failure);
            }
            failures.add(failure);
        }

        int size() {
            return byKind.values().stream().mapToInt(Map::size).sum();
        }

        int failureCount() {
            return failures.size();
        }

        private static String describe(Plugin plugin) {
            try {
                String description = plugin.description();
                return description == null ? "" : OneLine.of(description);
            } catch (RuntimeException e) {
                return "";
            }
        }

        PluginRegistry registry() {
            Map<PluginKind, List<Entry>> sorted = new EnumMap<>(PluginKind.class);
            byKind.forEach((kind, entries) -> sorted.put(kind, entries.values().stream()
                    .sorted(Comparator.comparing(entry -> entry.descriptor().name())).toList()));
            return new PluginRegistry(sorted, failures);
        }
    }
}
