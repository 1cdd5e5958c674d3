package io.sift.socks5.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

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

    /**
     * The DST.ADDR in {@code length} bytes of {@code raw} from {@code offset}, in lowercase; empty
     * unless they are 40 hex digits. Uppercase digits are taken: the hash is the same, and only an
     * address that is expected is ever served.
     */
    static Optional<String> parse(byte[] raw, int offset, int length) {
        if (length != LENGTH) {
            return Optional.empty();
        }
        char[] hex = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            int c = raw[offset + i];
            if (c >= 'A' && c <= 'F') {
                c += 'a' - 'A';
            }
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return Optional.empty();
            }
            hex[i] = (char) c;
        }
        return Optional.of(new String(hex));
    }
}
