package org.imlbench.harness.plugins;

import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.Plugin;
import org.imlbench.api.PluginKind;

/**
 * Instantiates the providers of one kind that one {@link ServiceLoader} finds, one at a time, so that a provider
 * whose constructor throws, whose API level is wrong or whose name is malformed is reported on its own and the
 * others still load.
 */
final class ProviderScanner {
    /** The names users type on the command line; see {@link Plugin#name()}. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    /** A guard against a loader that keeps failing on the same entry (its recovery is best effort only). */
    private static final int MAX_LOOKUP_ERRORS = 100;

    private ProviderScanner() {
    }

    /** A provider that was instantiated and passed the checks. */
    record Candidate(PluginKind kind, Plugin plugin, Class<?> type) {
    }

    /**
     * Scans one loader.
     *
     * @param kind the kind being loaded
     * @param loader a service loader for {@code kind.service()}
     * @param accept which provider types belong to this scan (a layer's loader also sees the parent layers)
     * @param originOf the origin to report for a provider type
     * @param lookupOrigin the origin to report when the loader cannot even name a provider
     * @param found receives the providers that load
     * @param failures receives one failure per provider that does not
     */
    static void scan(PluginKind kind, ServiceLoader<? extends Plugin> loader, Predicate<Class<?>> accept,
                     Function<Class<?>, String> originOf, String lookupOrigin, Consumer<Candidate> found,
                     Consumer<PluginFailure> failures) {
        Iterator<? extends ServiceLoader.Provider<? extends Plugin>> providers = loader.stream().iterator();
        int lookupErrors = 0;
        while (true) {
            ServiceLoader.Provider<? extends Plugin> provider;
            try {
                if (!providers.hasNext()) {
                    return;
                }
                provider = providers.next();
            } catch (ServiceConfigurationError e) {
                // A provider class that is missing or not public: nothing to instantiate, and no class to locate.
                failures.accept(new PluginFailure(lookupOrigin, kind.label() + ": " + OneLine.of(e)));
                if (++lookupErrors >= MAX_LOOKUP_ERRORS) {
                    return;
                }
                continue;
            }
            Class<?> type = provider.type();
            if (accept.test(type)) {
                instantiate(kind, provider, type, originOf.apply(type), found, failures);
            }
        }
    }

    private static void instantiate(PluginKind kind, ServiceLoader.Provider<? extends Plugin> provider,
                                    Class<?> type, String origin, Consumer<Candidate> found,
                                    Consumer<PluginFailure> failures) {
        Plugin plugin;
        String name;
        int level;
        try {
            plugin = provider.get();
            name = plugin.name();
            level = plugin.apiLevel();
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            failures.accept(new PluginFailure(origin,
                    kind.label() + " provider " + type.getName() + " failed: " + OneLine.of(e)));
            return;
        }
        if (!ImlbenchApi.supports(level)) {
            failures.accept(new PluginFailure(origin, kind.label() + " plugin '" + name + "' " + levelProblem(level)));
        } else if (name == null || !NAME.matcher(name).matches()) {
            failures.accept(new PluginFailure(origin, kind.label() + " provider " + type.getName()
                    + " has an invalid name '" + name + "' (use lower case, digits, '-', '_' and '.')"));
        } else {
            found.accept(new Candidate(kind, plugin, type));
        }
    }

    private static String levelProblem(int level) {
        if (level > ImlbenchApi.LEVEL) {
            return "needs imlbench API level " + level + ", this harness has " + ImlbenchApi.LEVEL;
        }
        return "was built for imlbench API level " + level + ", which this harness no longer supports (it runs "
                + ImlbenchApi.MIN_SUPPORTED_LEVEL + " to " + ImlbenchApi.LEVEL + ")";
    }
}
