package io.sift.socks5.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** SOCKS5 messages for tests, built byte by byte. */
final class Bytes {

    static final String HASH = "da54af79881c0276006e530ddfdc838132fe3a5b";

    private Bytes() {
    }

    static byte[] of(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** The greeting of a client offering only "no authentication". */
    static byte[] greeting() {
        return of(5, 1, 0);
    }

    /** A CONNECT request for a domain name, port 0. */
    static byte[] connect(String address) {
        return concat(of(5, 1, 0, 3, address.length()), ascii(address), of(0, 0));
    }

    static byte[] prefix(byte[] bytes, int length) {
        return Arrays.copyOf(bytes, length);
    }
}
