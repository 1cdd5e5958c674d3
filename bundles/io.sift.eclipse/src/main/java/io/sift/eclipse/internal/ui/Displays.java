package io.sift.eclipse.internal.ui;

import java.util.Optional;

import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The display that prompts and notifications appear on, found without creating one (a display made
 * on one of SIFT's threads would steal the user interface from the application): the workbench's
 * while it runs; in an SWT application without a workbench, a {@link Display} its UI thread registered
 * as an OSGi service.
 */
public final class Displays {

    private Displays() {
    }

    public static Optional<Display> find(BundleContext context) {
        try {
            if (PlatformUI.isWorkbenchRunning()) {
                return alive(PlatformUI.getWorkbench().getDisplay());
            }
        } catch (IllegalStateException | LinkageError noWorkbench) {
            // an SWT application without org.eclipse.ui's workbench: look for a registered display
        }
        ServiceReference<Display> ref = context.getServiceReference(Display.class);
        if (ref == null) {
            return Optional.empty();
        }
        Display display = context.getService(ref);
        context.ungetService(ref);
        return alive(display);
    }

    private static Optional<Display> alive(Display display) {
        return display == null || display.isDisposed() ? Optional.empty() : Optional.of(display);
    }
}
