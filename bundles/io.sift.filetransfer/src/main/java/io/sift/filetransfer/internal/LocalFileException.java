package io.sift.filetransfer.internal;

import java.io.IOException;

/** Reading or writing a local file failed (as opposed to the bytestream). */
final class LocalFileException extends IOException {

    private static final long serialVersionUID = 1L;

    LocalFileException(String message) {
        super(message);
    }
}
