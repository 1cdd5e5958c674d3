package io.sift.tools.smackpeer;

import java.util.Optional;

/**
 * How one transfer ended, as reported on its RESULT line.
 *
 * @param status complete, error, refused or cancelled
 * @param method ibb, socks5 or ? (not known)
 * @param error what went wrong, in one line; empty when complete
 */
record Outcome(String status, long bytes, long millis, String method, Optional<String> error) {

    boolean isComplete() {
        return status.equals("complete");
    }
}
