package io.sift.negotiation.internal;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Stream ids: 128 random bits from {@link SecureRandom}, URL-safe base64 without padding
 * (22 characters of {@code A-Z a-z 0-9 - _}). Unguessable, because a stream method accepts a
 * stream by its id, and safe in XML attributes and file names.
 */
final class SidGenerator {

    private static final int BYTES = 16;

    private final SecureRandom random;
    private final Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();

    SidGenerator() {
        this(new SecureRandom());
    }

    SidGenerator(SecureRandom random) {
        this.random = random;
    }

    String next() {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return encoder.encodeToString(bytes);
    }
}
