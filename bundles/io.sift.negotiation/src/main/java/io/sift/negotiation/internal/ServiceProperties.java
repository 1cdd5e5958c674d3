package io.sift.negotiation.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads whiteboard service properties the way their publishers are likely to write them: an Integer
 * as the specification says, but also a Long or a numeric String from a configuration file.
 */
final class ServiceProperties {

    static final String SERVICE_ID = "service.id";
    static final String SERVICE_RANKING = "service.ranking";

    private ServiceProperties() {
    }

    static int integer(Map<String, ?> props, String key, int fallback) {
        Object value = props.get(key);
        if (value instanceof Number n) {
            long l = n.longValue();
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, l));
        }
        if (value instanceof String s) {
            try {
                return Integer.parseInt(s.strip());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    static long serviceId(Map<String, ?> props) {
        return props.get(SERVICE_ID) instanceof Number n ? n.longValue() : Long.MAX_VALUE;
    }

    /** A String, or each String of a String[] or collection; blank ones dropped, whitespace stripped. */
    static List<String> strings(Map<String, ?> props, String key) {
        Object value = props.get(key);
        List<String> out = new ArrayList<>();
        if (value instanceof String s) {
            add(out, s);
        } else if (value instanceof String[] array) {
            for (String s : array) {
                add(out, s);
            }
        } else if (value instanceof Collection<?> collection) {
            for (Object o : collection) {
                if (o instanceof String s) {
                    add(out, s);
                }
            }
        }
        return List.copyOf(out);
    }

    private static void add(List<String> out, String s) {
        if (s != null && !s.isBlank()) {
            out.add(s.strip());
        }
    }
}
