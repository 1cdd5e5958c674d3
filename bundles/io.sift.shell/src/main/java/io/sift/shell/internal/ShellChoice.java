package io.sift.shell.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.sift.shell.internal.gogo.GogoCommands;
import io.sift.shell.internal.notices.ConsoleNotices;

/**
 * Decides which shell serves the {@code sift:} commands. Where Karaf's shell runs (in Karaf, or its
 * shell core in any framework), this bundle's optional imports of Karaf's action API are wired:
 * Karaf's extender registers the actions named by the {@code Karaf-Commands} header, and the console
 * notices (which print through JLine) are enabled. Elsewhere (a plain Gogo shell) those imports stay
 * unwired and the Gogo functions are enabled instead. Never both: Karaf also serves Gogo functions,
 * and the same command names would clash.
 */
@Component(immediate = true, service = {})
public final class ShellChoice {

    static final String KARAF_ACTIONS = "org.apache.karaf.shell.api.action";
    static final String JLINE_READER = "org.jline.reader";

    @Activate
    public ShellChoice(ComponentContext context) {
        Bundle bundle = context.getBundleContext().getBundle();
        if (!wired(bundle, KARAF_ACTIONS)) {
            context.enableComponent(GogoCommands.class.getName());
        } else if (wired(bundle, JLINE_READER)) {
            context.enableComponent(ConsoleNotices.class.getName());
        }
    }

    /** Whether the bundle's import of {@code packageName} is wired to an exporter. */
    static boolean wired(Bundle bundle, String packageName) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        return wiring != null && wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE).stream()
                .anyMatch(wire -> packageName.equals(
                        wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE)));
    }
}
