package io.sift.eclipse.internal;

import java.util.regex.Pattern;

/** The quick look at a typed JID that the dialog needs; SIFT checks it fully when it sends. */
public final class Jids {

    private static final Pattern LOOKS_LIKE_JID = Pattern.compile("[^@/\\s]+@[^@/\\s]+(/\\S.*)?");

    private Jids() {
    }

    /** Whether the text could be a user's JID ({@code user@domain}, optionally with a resource). */
    public static boolean looksValid(String text) {
        return text != null && LOOKS_LIKE_JID.matcher(text.strip()).matches();
    }
}
