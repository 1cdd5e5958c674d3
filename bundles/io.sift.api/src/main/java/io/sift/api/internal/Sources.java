package io.sift.api.internal;

import java.util.Objects;

/** The checks every source made by a factory of {@link io.sift.api.FileSource} applies to what it is given. */
final class Sources {

    private Sources() {
    }

    static String name(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a file source needs a name");
        }
        return name;
    }

    static long size(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("a file source cannot have a negative size: " + size);
        }
        return size;
    }
}
