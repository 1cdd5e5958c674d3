package io.sift.tools.smackpeer;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The name an offered file is stored under in the receive directory. The offered name is the sender's
 * word: it is used only when it already is a plain base name, so nothing is ever written outside the
 * directory and no two different offers are squeezed onto one name by stripping.
 */
final class SafeFileName {

    /** The common file-system limit for one name, in bytes. */
    static final int MAX_BYTES = 255;

    private SafeFileName() {
    }

    /** The name to store under, or empty when the offer must be refused. */
    static Optional<String> of(String offered) {
        if (offered == null || offered.isBlank() || offered.equals(".") || offered.equals("..")) {
            return Optional.empty();
        }
        // both separators: a name from a Windows peer must not become a directory path elsewhere either
        boolean unsafe = offered.codePoints().anyMatch(c -> c == '/' || c == '\\' || Character.isISOControl(c));
        if (unsafe || offered.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.empty();
        }
        return Optional.of(offered);
    }
}
