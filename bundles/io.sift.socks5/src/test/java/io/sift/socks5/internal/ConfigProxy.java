package io.sift.socks5.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * A configuration object as DS builds it from a property map: a value when the map has one, the
 * annotation's default otherwise, and for a value DS cannot convert, the exception DS throws.
 */
final class ConfigProxy {

    private ConfigProxy() {
    }

    static Socks5Config of(Map<String, Object> values) {
        Map<String, Object> props = new HashMap<>(values);
        return (Socks5Config) Proxy.newProxyInstance(Socks5Config.class.getClassLoader(),
                new Class<?>[] {Socks5Config.class}, (proxy, method, args) -> {
                    if (!props.containsKey(method.getName())) {
                        return method.getDefaultValue();
                    }
                    Object value = props.get(method.getName());
                    if (value instanceof RuntimeException e) {
                        throw e;
                    }
                    return value;
                });
    }

    /** Valid settings: the defaults with {@code values} applied. */
    static Socks5Settings settings(Map<String, Object> values) {
        Socks5Settings.Validation validation = Socks5Settings.validate(of(values));
        if (!validation.isValid()) {
            throw new IllegalArgumentException(validation.problems().toString());
        }
        return validation.settings().orElseThrow();
    }
}
