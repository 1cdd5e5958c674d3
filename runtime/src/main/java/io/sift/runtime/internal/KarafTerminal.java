package io.sift.runtime.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import org.jline.terminal.Terminal;

/**
 * A JLine terminal that is also a terminal of Karaf's console API: Karaf's console needs both in one
 * object, and its own such class is internal to its shell bundle. What both interfaces have (type,
 * width, height) and all of JLine's goes to the JLine terminal; Karaf's signal listeners, which
 * SIFT's commands do not use, are not kept (Karaf's console handles Ctrl-C through JLine itself).
 */
final class KarafTerminal {

    private KarafTerminal() {
    }

    static org.apache.karaf.shell.api.console.Terminal of(Terminal terminal) {
        return (org.apache.karaf.shell.api.console.Terminal) Proxy.newProxyInstance(
                KarafTerminal.class.getClassLoader(),
                new Class<?>[] {org.apache.karaf.shell.api.console.Terminal.class, Terminal.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isAnsiSupported" -> !Terminal.TYPE_DUMB.equals(terminal.getType());
                    case "isEchoEnabled" -> terminal.echo();
                    case "setEchoEnabled" -> {
                        terminal.echo((Boolean) args[0]);
                        yield null;
                    }
                    case "addSignalListener", "removeSignalListener" -> null;
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "SIFT console on " + terminal;
                    default -> delegate(terminal, method, args);
                });
    }

    private static Object delegate(Terminal terminal, Method method, Object[] args) throws Throwable {
        try {
            return Terminal.class.getMethod(method.getName(), method.getParameterTypes()).invoke(terminal, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
