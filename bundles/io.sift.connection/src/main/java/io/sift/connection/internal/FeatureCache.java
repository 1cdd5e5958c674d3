package io.sift.connection.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Feature lists by entity capabilities version (XEP-0115): peers that run the same software in the
 * same set-up announce the same {@code ver}, so one service discovery answer serves them all. Only
 * answers whose hash matched the version are kept (see {@link FeatureLearner}), so a peer cannot
 * plant a false list under another software's version. Kept by one account for the life of its
 * configuration (reconnects included), the most recently used first.
 */
final class FeatureCache {

    static final int VERSIONS_KEPT = 256;

    private final Map<String, Set<String>> byVersion = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
            return size() > VERSIONS_KEPT;
        }
    }; // guarded by this

    synchronized Optional<Set<String>> get(String ver) {
        return Optional.ofNullable(byVersion.get(ver));
    }

    synchronized void put(String ver, Set<String> features) {
        byVersion.put(ver, Set.copyOf(features));
    }
}
