package org.imlbench.testkit;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.imlbench.api.ImlbenchApi;
import org.imlbench.api.OptionKey;
import org.imlbench.api.Plugin;
import org.opentest4j.AssertionFailedError;

/**
 * How a contract test reports a broken contract: one message that names the contract, the plugin and what was
 * observed, so that a plugin author reading a failed build knows which promise the plugin broke.
 */
final class Contract {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private Contract() {
    }

    /**
     * @param contract the contract's name, e.g. {@code "scores do not depend on batch composition"}
     * @param plugin the plugin under test
     * @param observed what went wrong
     * @return the failure to throw
     */
    static AssertionFailedError broken(String contract, Plugin plugin, String observed) {
        return new AssertionFailedError("contract '" + contract + "' broken by " + plugin.getClass().getName()
                + " ('" + plugin.name() + "'): " + observed);
    }

    /**
     * Checks what every plugin promises: a valid, stable name, this API level, a description, distinct option keys.
     *
     * @param plugin the plugin
     */
    static void checkPlugin(Plugin plugin) {
        String name = plugin.name();
        if (name == null || !NAME.matcher(name).matches()) {
            throw broken("plugin name is lower case, digits, '-', '_', '.'", plugin, "name() returned '" + name + "'");
        }
        if (!name.equals(plugin.name())) {
            throw broken("plugin name is stable", plugin, "name() changed between calls");
        }
        if (!ImlbenchApi.supports(plugin.apiLevel())) {
            throw broken("apiLevel() returns ImlbenchApi.LEVEL", plugin, "apiLevel() returned " + plugin.apiLevel()
                    + ", this API supports " + ImlbenchApi.MIN_SUPPORTED_LEVEL + ".." + ImlbenchApi.LEVEL);
        }
        if (plugin.description() == null) {
            throw broken("description() is never null", plugin, "it returned null");
        }
        Set<String> keys = new HashSet<>();
        for (OptionKey<?> key : plugin.declaredOptions()) {
            if (!keys.add(key.key())) {
                throw broken("declared option keys are distinct", plugin, "'" + key.key() + "' is declared twice");
            }
        }
    }
}
