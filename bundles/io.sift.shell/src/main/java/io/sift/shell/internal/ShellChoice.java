package io.sift.shell.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.sift.shell.internal.notices.ConsoleNotices;

/**
 * Turns on what needs Karaf's shell with JLine. The {@code sift:} commands are Karaf actions,
 * registered by Karaf's shell extender (in Karaf, or its shell core in any framework, as in the
 * runnable jar) from the {@code Karaf-Commands} header. The console notices print through JLine's
 * line reader, so they are enabled only where this bundle's optional import of JLine is wired.
 */
@Component(immediate = true, service = {})
public final class ShellChoice {

    static final String KARAF_ACTIONS = "org.apache.karaf.shell.api.action";
    static final String JLINE_READER = "org.jline.reader";

    @Activate
    public ShellChoice(ComponentContext context) {
        Bundle bundle = context.getBundleContext().getBundle();
        if (wired(bundle, KARAF_ACTIONS) && wired(bundle, JLINE_READER)) {
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
