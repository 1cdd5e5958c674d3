package io.sift.ibb.internal;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.osgi.service.log.Logger;

/** A Logger that records each call as "level: format [args]". */
final class TestLog {

    private final List<String> lines = new ArrayList<>();
    private final Logger logger;

    TestLog() {
        logger = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    Class<?> returns = method.getReturnType();
                    if (returns == boolean.class) {
                        return true;
                    }
                    if (returns == String.class) {
                        return "test";
                    }
                    if (returns == void.class && args != null && args.length > 0 && args[0] instanceof String format) {
                        synchronized (lines) {
                            // three arguments and more come as one array (Logger's varargs form)
                            Object[] values = args.length == 2 && args[1] instanceof Object[] many ? many
                                    : Arrays.copyOfRange(args, 1, args.length);
                            lines.add(method.getName() + ": " + format + " " + Arrays.toString(values));
                        }
                    }
                    return null;
                });
    }

    Logger logger() {
        return logger;
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    boolean contains(String level, String fragment) {
        return lines().stream().anyMatch(l -> l.startsWith(level + ":") && l.contains(fragment));
    }
}
