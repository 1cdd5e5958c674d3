package io.sift.socks5.internal;

/** Counting threads by name. */
final class Threads {

    private Threads() {
    }

    /** Live threads whose name starts with {@code prefix}. */
    static int alive(String prefix) {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }

    /** The live threads of a direct streamhost. */
    static int of(DirectListener listener) {
        return alive(HandshakeLoop.THREAD_PREFIX + listener.port());
    }
}
