package io.sift.socks5.internal;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** A BundleContext that only records service registrations. */
final class RecordingContext {

    /** One registerService call. */
    record Registration(String[] classes, Object service, Dictionary<String, ?> properties, boolean[] unregistered) {
        boolean isUnregistered() {
            return unregistered[0];
        }
    }

    final List<Registration> registrations = new ArrayList<>();

    final BundleContext context = (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
            new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                if (!method.getName().equals("registerService")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                String[] classes = args[0] instanceof Class<?> c ? new String[] {c.getName()}
                        : args[0] instanceof String s ? new String[] {s} : (String[]) args[0];
                @SuppressWarnings("unchecked")
                Registration r = new Registration(classes, args[1], (Dictionary<String, ?>) args[2], new boolean[1]);
                registrations.add(r);
                return Proxy.newProxyInstance(ServiceRegistration.class.getClassLoader(),
                        new Class<?>[] {ServiceRegistration.class}, (p, m, a) -> {
                            if (m.getName().equals("unregister")) {
                                r.unregistered()[0] = true;
                                return null;
                            }
                            throw new UnsupportedOperationException(m.getName());
                        });
            });
}
