package io.sift.filetransfer.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jivesoftware.smack.packet.StandardExtensionElement;

/**
 * The XEP-0096 {@code <file/>} element of an offer: what is sent, and how a received one is read.
 * Strict in what it writes; when reading, a malformed optional field (date, hash) is dropped rather
 * than failing the offer, but a missing or invalid name, or an invalid size, is an error. A missing
 * size is read as 0: Smack (4.4.8) leaves the attribute out for an empty file. A sender that left it
 * out and then sends bytes fails at the first of them (more than the announced 0 bytes).
 *
 * @param md5 lower-case hex
 * @param canResume whether the offer carries {@code <range/>}
 * @param checkAfter whether the sender will send a SHA-256 after the data ({@link FileCheck})
 */
record FileElement(String name, long size, Optional<String> md5, Optional<Instant> date,
        Optional<String> description, boolean canResume, boolean checkAfter) {

    static final String NAMESPACE = "http://jabber.org/protocol/si/profile/file-transfer";
    static final String ELEMENT = "file";
    static final String MIME_TYPE = "application/octet-stream";

    /** Longest description kept from an offer; the rest is cut. */
    static final int MAX_DESCRIPTION = 4096;

    private static final Pattern MD5 = Pattern.compile("[0-9a-fA-F]{32}");

    /** A malformed offer: the message says which field. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    StandardExtensionElement toElement() {
        StandardExtensionElement.Builder file = StandardExtensionElement.builder(ELEMENT, NAMESPACE)
                .addAttribute("name", name)
                .addAttribute("size", Long.toString(size));
        md5.ifPresent(h -> file.addAttribute("hash", h));
        date.ifPresent(d -> file.addAttribute("date", d.truncatedTo(ChronoUnit.SECONDS).toString()));
        description.ifPresent(d -> file.addElement("desc", d));
        if (canResume) {
            file.addElement(StandardExtensionElement.builder("range", NAMESPACE).build());
        }
        if (checkAfter) {
            file.addElement(FileCheck.marker());
        }
        return file.build();
    }

    static FileElement parse(StandardExtensionElement file) throws Malformed {
        if (!ELEMENT.equals(file.getElementName()) || !NAMESPACE.equals(file.getNamespace())) {
            throw new Malformed("expected <file xmlns='" + NAMESPACE + "'/>, got <" + file.getElementName()
                    + " xmlns='" + file.getNamespace() + "'/>");
        }
        String name = file.getAttributeValue("name");
        if (name == null || name.isBlank()) {
            throw new Malformed("the file has no name");
        }
        String rawSize = file.getAttributeValue("size");
        long size;
        try {
            size = rawSize == null ? 0 : Long.parseLong(rawSize.strip());
        } catch (NumberFormatException e) {
            throw new Malformed("size '" + abbreviate(rawSize) + "' is not a number");
        }
        if (size < 0) {
            throw new Malformed("size " + size + " is negative");
        }
        Optional<String> md5 = Optional.ofNullable(file.getAttributeValue("hash"))
                .map(String::strip)
                .filter(h -> MD5.matcher(h).matches())
                .map(h -> h.toLowerCase(Locale.ROOT));
        Optional<Instant> date = Optional.ofNullable(file.getAttributeValue("date")).flatMap(FileElement::parseDate);
        Optional<String> description = Optional.ofNullable(file.getFirstElement("desc"))
                .map(StandardExtensionElement::getText)
                .filter(d -> !d.isBlank())
                .map(FileElement::cutDescription);
        boolean canResume = file.getFirstElement("range") != null;
        return new FileElement(name, size, md5, date, description, canResume, FileCheck.marked(file));
    }

    private static String cutDescription(String description) {
        if (description.length() <= MAX_DESCRIPTION) {
            return description;
        }
        // never keep half of a surrogate pair
        int end = Character.isHighSurrogate(description.charAt(MAX_DESCRIPTION - 1))
                ? MAX_DESCRIPTION - 1 : MAX_DESCRIPTION;
        return description.substring(0, end);
    }

    /** XEP-0082 date-time; anything else is ignored. */
    private static Optional<Instant> parseDate(String raw) {
        try {
            return Optional.of(OffsetDateTime.parse(raw.strip()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /**
     * The part of the file the receiver asked for in its answer ({@code <range offset length/>}).
     * Absent or unreadable means the whole file.
     */
    record Range(long offset, long length) {

        static Range whole(long size) {
            return new Range(0, size);
        }

        static Range fromAnswer(Optional<StandardExtensionElement> answer, long size) throws Malformed {
            if (answer.isEmpty()) {
                return whole(size);
            }
            StandardExtensionElement range = answer.get().getFirstElement("range");
            if (range == null) {
                return whole(size);
            }
            long offset = number(range.getAttributeValue("offset"), 0);
            long length = number(range.getAttributeValue("length"), size - offset);
            if (offset < 0 || offset > size || length < 0 || length > size - offset) {
                throw new Malformed("range offset=" + offset + " length=" + length + " does not fit a file of "
                        + size + " bytes");
            }
            return new Range(offset, length);
        }

        private static long number(String raw, long absent) throws Malformed {
            if (raw == null) {
                return absent;
            }
            try {
                return Long.parseLong(raw.strip());
            } catch (NumberFormatException e) {
                throw new Malformed("range value '" + abbreviate(raw) + "' is not a number");
            }
        }
    }
}
