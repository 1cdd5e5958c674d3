package io.sift.ibb.internal;

/** Settings for tests, starting from the configuration's defaults. */
final class TestSettings {

    private TestSettings() {
    }

    static IbbSettings with(int blockSize, int window, DataStanza stanza) {
        return new IbbSettings(blockSize, window, stanza, 65535, 5000, 5000, 5000, 10, false);
    }

    static IbbSettings with(int blockSize, int window, DataStanza stanza, long ackTimeout, long closeTimeout) {
        return new IbbSettings(blockSize, window, stanza, 65535, 5000, ackTimeout, closeTimeout, 10, false);
    }
}
