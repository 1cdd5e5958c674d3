package io.sift.filetransfer.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The hashes of file transfer: MD5 (what XEP-0096 offers carry) and SHA-256 (what SIFT checks and reports). */
final class Digests {

    private Digests() {
    }

    static MessageDigest md5() {
        return named("MD5");
    }

    static MessageDigest sha256() {
        return named("SHA-256");
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest named(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + algorithm, e);
        }
    }
}
