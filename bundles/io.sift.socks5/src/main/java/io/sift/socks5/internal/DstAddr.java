package io.sift.socks5.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.sift.spi.StreamSession;

/**
 * The SOCKS5 DST.ADDR that names a bytestream (XEP-0065 section 5.3.2): the lowercase hex SHA-1 of
 * sid + initiator JID + target JID. The JIDs are taken exactly as the session has them, which are
 * the ones used in the IQ exchange; normalising them here would make the hash differ from the
 * peer's.
 */
final class DstAddr {

    /** Length of the hex string, and so of the SOCKS5 domain name. */
    static final int LENGTH = 40;

    private DstAddr() {
    }

    static String of(StreamSession session) {
        return of(session.sid(), session.initiator(), session.target());
    }

    static String of(String sid, String initiator, String target) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((sid + initiator + target).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    /** Whether {@code raw} has the form of a DST.ADDR: 40 lowercase hex digits. */
    static boolean isWellFormed(byte[] raw) {
        if (raw.length != LENGTH) {
            return false;
        }
        for (byte b : raw) {
            if (!((b >= '0' && b <= '9') || (b >= 'a' && b <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
