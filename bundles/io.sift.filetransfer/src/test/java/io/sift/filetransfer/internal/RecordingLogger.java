package io.sift.filetransfer.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.log.Logger;

/** An OSGi {@link Logger} that remembers every message, so tests can check what was logged. */
final class RecordingLogger {

    /** One logging call: the level (method name), the format, and its arguments. */
    record Call(String level, String format, List<Object> args) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Logger logger = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(),
            new Class<?>[] {Logger.class}, (proxy, method, args) -> handle(proxy, method, args));

    Logger logger() {
        return logger;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<Call> calls(String level) {
        return calls.stream().filter(c -> c.level().equals(level)).toList();
    }

    private Object handle(Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "getName":
                return "test";
            case "toString":
                return "RecordingLogger";
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            default:
                break;
        }
        if (method.getReturnType() == boolean.class) {
            return true; // isXxxEnabled
        }
        if (args != null && args.length > 0 && args[0] instanceof String format) {
            List<Object> rest = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                if (i == args.length - 1 && method.isVarArgs() && args[i] instanceof Object[] varargs) {
                    rest.addAll(Arrays.asList(varargs));
                } else {
                    rest.add(args[i]);
                }
            }
            calls.add(new Call(method.getName(), format, rest));
        }
        return null;
    }
}
