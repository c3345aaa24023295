package org.imlbench.reports;

import java.util.Collection;
import java.util.List;
import org.imlbench.rundir.Role;

/** The order models are shown in: {@link Role}'s order (base, tuned, model). */
final class Roles {
    private Roles() {
    }

    static List<String> ordered(Collection<String> roles) {
        return roles.stream().map(Role::fromId).sorted().map(Role::id).toList();
    }
}
