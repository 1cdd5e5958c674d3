package io.sift.shell.internal;

import java.nio.file.Path;

/** Paths as the user types them in a shell. */
public final class UserPaths {

    private UserPaths() {
    }

    /** {@code ~} is the home directory; a relative path starts in the session's current directory. */
    public static Path resolve(Path currentDirectory, String name) {
        String n = name.strip();
        if (n.equals("~") || n.startsWith("~/")) {
            return Path.of(System.getProperty("user.home", ".")).resolve(n.substring(1).replaceFirst("^/", ""))
                    .toAbsolutePath().normalize();
        }
        Path path = Path.of(n);
        if (path.isAbsolute()) {
            return path.normalize();
        }
        return currentDirectory.resolve(path).toAbsolutePath().normalize();
    }
}
