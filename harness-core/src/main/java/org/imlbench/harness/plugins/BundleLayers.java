package org.imlbench.harness.plugins;

import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a {@link PluginBundle} into its own {@link ModuleLayer} whose parent is the boot layer, so that two bundles
 * can carry different versions of one library without seeing each other.
 */
final class BundleLayers {
    /** Plugins must share the harness's copy of the API, or their providers would implement different interfaces. */
    private static final String API_MODULE = "org.imlbench.api";

    private BundleLayers() {
    }

    /**
     * Resolves the bundle's modules (all of them are roots) against the boot layer and defines them with one class
     * loader.
     *
     * @param bundle the bundle
     * @return the new layer
     * @throws BundleException naming the problem (corrupt jar, missing module, split package ...)
     */
    static ModuleLayer define(PluginBundle bundle) throws BundleException {
        ModuleLayer boot = ModuleLayer.boot();
        if (boot.findModule(API_MODULE).isEmpty()) {
            throw new BundleException("drop-in plugins need the harness on the module path (start it with ./harness)");
        }
        try {
            ModuleFinder finder = withoutApi(ModuleFinder.of(bundle.jars().toArray(Path[]::new)));
            Set<String> roots = finder.findAll().stream()
                    .map(reference -> reference.descriptor().name())
                    .collect(Collectors.toSet());
            if (roots.isEmpty()) {
                throw new BundleException("no plugin module in it");
            }
            Configuration configuration = boot.configuration().resolveAndBind(finder, ModuleFinder.of(), roots);
            return boot.defineModulesWithOneLoader(configuration, ClassLoader.getSystemClassLoader());
        } catch (BundleException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            // FindException (corrupt jar, bad descriptor), ResolutionException (missing module, split package),
            // LayerInstantiationException (package clash in one loader) and SecurityException all land here.
            throw new BundleException(OneLine.chain(e));
        }
    }

    /** Hides any copy of the API module a bundle carries, so it resolves to the boot layer's. */
    private static ModuleFinder withoutApi(ModuleFinder finder) {
        return new ModuleFinder() {
            @Override
            public Optional<ModuleReference> find(String name) {
                return API_MODULE.equals(name) ? Optional.empty() : finder.find(name);
            }

            @Override
            public Set<ModuleReference> findAll() {
                return finder.findAll().stream()
                        .filter(reference -> !API_MODULE.equals(reference.descriptor().name()))
                        .collect(Collectors.toSet());
            }
        };
    }

    /** A bundle that cannot be turned into a layer. */
    static final class BundleException extends Exception {
        private static final long serialVersionUID = 1L;

        BundleException(String message) {
            super(message);
        }
    }
}
