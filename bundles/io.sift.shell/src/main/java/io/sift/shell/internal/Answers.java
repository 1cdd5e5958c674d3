package io.sift.shell.internal;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import io.sift.api.Transfer;
import io.sift.shell.text.Printable;

/** {@code sift:accept}, {@code sift:decline} and {@code sift:cancel}: each returns the line to print. */
public final class Answers {

    private final Sift sift;

    public Answers(Sift sift) {
        this.sift = sift;
    }

    /** @param directory where to store the file; null or blank: the download directory */
    public String accept(Console console, String id, String directory) {
        OfferAsker asker = sift.waitingOffers();
        Path dir;
        if (directory == null || directory.isBlank()) {
            dir = sift.downloadDirectory();
        } else {
            try {
                dir = UserPaths.resolve(console.currentDirectory(), directory);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("not a valid directory: " + Printable.of(directory));
            }
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory");
        }
        String name = asker.get(id).map(p -> p.offer().fileName()).orElse(null);
        if (!asker.accept(id, dir)) {
            throw new IllegalArgumentException(noOffer(id));
        }
        return "Accepted " + Printable.of(id) + ": " + Printable.of(name) + " into " + dir;
    }

    public String decline(String id) {
        OfferAsker asker = sift.waitingOffers();
        String name = asker.get(id).map(p -> p.offer().fileName()).orElse(null);
        if (!asker.decline(id)) {
            throw new IllegalArgumentException(noOffer(id));
        }
        return "Declined " + Printable.of(id) + ": " + Printable.of(name);
    }

    /** Cancels a transfer, or declines an offer that waits for an answer. */
    public String cancel(String id) {
        OfferAsker asker = sift.asker().orElse(null);
        if (asker != null && asker.decline(id)) {
            return "Declined " + Printable.of(id) + " (it was waiting for an answer)";
        }
        Transfer transfer = sift.transfer(id).orElseThrow(() -> new IllegalArgumentException(
                "no transfer " + Printable.of(id) + " (see sift:transfers)"));
        if (transfer.cancel()) {
            return "Cancelled " + transfer.id() + ": " + Printable.of(transfer.fileName());
        }
        throw new IllegalArgumentException("transfer " + transfer.id() + " has already ended (" + transfer.state() + ")");
    }

    private static String noOffer(String id) {
        return "no offer " + Printable.of(id) + " is waiting for an answer (see sift:transfers)";
    }
}
