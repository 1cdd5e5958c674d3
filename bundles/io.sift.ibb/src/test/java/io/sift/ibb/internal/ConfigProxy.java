package io.sift.ibb.internal;

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

    static IbbConfig of(Map<String, Object> values) {
        Map<String, Object> props = new HashMap<>(values);
        return (IbbConfig) Proxy.newProxyInstance(IbbConfig.class.getClassLoader(), new Class<?>[] {IbbConfig.class},
                (proxy, method, args) -> {
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
}
