package io.sift.itests;

import java.time.Duration;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** Service look-ups that wait for a service to come or go. */
public final class Services {

    private Services() {
    }

    public static <T> T await(BundleContext context, Class<T> type, String filter, Duration timeout)
            throws InterruptedException {
        Await.until(timeout, type.getSimpleName() + " " + filter, () -> count(context, type, filter) > 0);
        ServiceReference<T> ref = references(context, type, filter)[0];
        return context.getService(ref);
    }

    public static void awaitAbsent(BundleContext context, Class<?> type, String filter, Duration timeout)
            throws InterruptedException {
        Await.until(timeout, "no " + type.getSimpleName() + " " + filter, () -> count(context, type, filter) == 0);
    }

    public static int count(BundleContext context, Class<?> type, String filter) {
        return references(context, type, filter).length;
    }

    @SuppressWarnings("unchecked")
    private static <T> ServiceReference<T>[] references(BundleContext context, Class<T> type, String filter) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(type.getName(), filter);
            return refs == null ? new ServiceReference[0] : (ServiceReference<T>[]) refs;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static String jidFilter(String jid) {
        return "(sift.jid=" + jid + ")";
    }
}
