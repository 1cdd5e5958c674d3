package io.sift.filetransfer.internal;

import java.security.MessageDigest;

/**
 * Hashes a megabyte of zeros with SHA-256 and MD5 once, on a low-priority background thread, as file
 * transfer starts. Until the JIT has compiled the hash loop (with its SHA instructions), a cold JVM
 * hashes the first megabyte some 50 times slower than later ones: about 60 ms on a 2-core machine,
 * which a fresh process's first transfer would otherwise pay before its verdict. Starting up (logging
 * in) mostly waits for the network, so the compiling happens when it costs nothing.
 */
final class HashWarmUp implements Runnable {

    /** One update this large runs the loop often enough for it to be compiled; smaller ones were not. */
    private static final int BYTES = 1 << 20;

    private HashWarmUp() {
    }

    static void start() {
        Thread thread = new Thread(new HashWarmUp(), "sift-hash-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    @Override
    public void run() {
        byte[] zeros = new byte[BYTES];
        for (MessageDigest digest : new MessageDigest[] {Digests.sha256(), Digests.md5()}) {
            digest.update(zeros);
            digest.digest();
        }
    }
}
