package io.sift.runtime.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Drops ANSI escape sequences (ESC [ ... final byte) from what passes through: Karaf's help prints
 * bold headings, which belong on a terminal, not in a file or a pipe.
 */
final class PlainText extends FilterOutputStream {

    private static final int ESC = 0x1b;

    private enum State { TEXT, ESCAPE, SEQUENCE }

    private State state = State.TEXT;

    PlainText(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        switch (state) {
            case TEXT -> {
                if (b == ESC) {
                    state = State.ESCAPE;
                } else {
                    out.write(b);
                }
            }
            case ESCAPE -> state = b == '[' ? State.SEQUENCE : State.TEXT;
            // parameter and intermediate bytes go on; a final byte (@ to ~) ends the sequence
            case SEQUENCE -> state = b >= 0x40 && b <= 0x7e ? State.TEXT : State.SEQUENCE;
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }
}
