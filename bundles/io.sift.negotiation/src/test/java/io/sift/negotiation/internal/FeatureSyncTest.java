package io.sift.negotiation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FeatureSyncTest {

    private static final class Disco implements FeatureSync.DiscoFeatures {
        final Set<String> features = new LinkedHashSet<>();

        @Override
        public boolean includes(String feature) {
            return features.contains(feature);
        }

        @Override
        public void add(String feature) {
            features.add(feature);
        }

        @Override
        public void remove(String feature) {
            features.remove(feature);
        }
    }

    private final Disco disco = new Disco();
    private final FeatureSync sync = new FeatureSync(disco);

    @Test
    void followsWhatIsWanted() {
        sync.apply(Set.of("si", "ft", "s5b", "ibb"));
        assertEquals(Set.of("si", "ft", "s5b", "ibb"), disco.features);
        sync.apply(Set.of("si", "ft", "ibb"));
        assertEquals(Set.of("si", "ft", "ibb"), disco.features);
        sync.apply(Set.of("si", "ft", "ibb", "urn:new"));
        assertEquals(Set.of("si", "ft", "ibb", "urn:new"), disco.features);
    }

    @Test
    void clearRemovesOnlyWhatItAdded() {
        disco.features.add("urn:xmpp:ping");
        disco.features.add("ibb"); // announced by the in-band bundle itself
        sync.apply(Set.of("si", "ibb"));
        assertEquals(Set.of("si"), sync.added());
        sync.clear();
        assertEquals(Set.of("urn:xmpp:ping", "ibb"), disco.features);
    }

    @Test
    void aFeatureRemovedBySomeoneElseIsAddedAgainOnTheNextChange() {
        disco.features.add("ibb");
        sync.apply(Set.of("si", "ibb"));
        disco.features.remove("ibb");
        sync.apply(Set.of("si", "ibb"));
        assertEquals(Set.of("si", "ibb"), disco.features);
        sync.clear();
        assertEquals(Set.of(), disco.features);
    }
}
