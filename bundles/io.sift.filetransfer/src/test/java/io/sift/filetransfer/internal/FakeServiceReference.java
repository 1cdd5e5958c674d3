package io.sift.filetransfer.internal;

import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * A service reference with the ordering the OSGi core specification gives {@code compareTo}: a higher
 * ranking is greater; with equal rankings, the lower service id (registered earlier) is greater.
 */
final class FakeServiceReference<S> implements ServiceReference<S> {

    private final Map<String, Object> properties = new HashMap<>();

    FakeServiceReference(long id, int ranking, Map<String, Object> more) {
        properties.putAll(more);
        properties.put(Constants.SERVICE_ID, id);
        properties.put(Constants.SERVICE_RANKING, ranking);
    }

    FakeServiceReference(long id, int ranking) {
        this(id, ranking, Map.of());
    }

    private long id() {
        return (Long) properties.get(Constants.SERVICE_ID);
    }

    private int ranking() {
        return (Integer) properties.get(Constants.SERVICE_RANKING);
    }

    @Override
    public int compareTo(Object reference) {
        FakeServiceReference<?> other = (FakeServiceReference<?>) reference;
        if (ranking() != other.ranking()) {
            return ranking() < other.ranking() ? -1 : 1;
        }
        if (id() == other.id()) {
            return 0;
        }
        return id() < other.id() ? 1 : -1;
    }

    @Override
    public Object getProperty(String key) {
        return properties.get(key);
    }

    @Override
    public String[] getPropertyKeys() {
        return properties.keySet().toArray(String[]::new);
    }

    @Override
    public Dictionary<String, Object> getProperties() {
        return new Hashtable<>(properties);
    }

    @Override
    public Bundle getBundle() {
        return null;
    }

    @Override
    public Bundle[] getUsingBundles() {
        return null;
    }

    @Override
    public boolean isAssignableTo(Bundle bundle, String className) {
        return true;
    }

    @Override
    public <A> A adapt(Class<A> type) {
        return null;
    }

    @Override
    public String toString() {
        return "ServiceReference[id=" + id() + ", ranking=" + ranking() + "]";
    }
}
