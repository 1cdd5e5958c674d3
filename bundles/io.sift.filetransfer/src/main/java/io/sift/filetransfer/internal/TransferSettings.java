package io.sift.filetransfer.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/** A validated {@link FileTransferConfig}. */
record TransferSettings(
        Path downloadDirectory,
        OfferPolicy offerPolicy,
        Duration streamOpenTimeout,
        Duration idleTimeout,
        long hashLimitBytes,
        int maxConcurrentTransfers,
        int keptTransfers,
        Duration partExpiry,
        int maxIncomingPerPeer,
        int maxIncoming) {

    record Validation(Optional<TransferSettings> settings, List<String> problems) {
    }

    /** Checks every field and reports all problems at once; never throws. */
    static Validation validate(FileTransferConfig config, String userHome) {
        List<String> problems = new ArrayList<>();

        Path directory = null;
        String rawDir = read(problems, "downloadDirectory", config::downloadDirectory);
        if (rawDir != null) {
            try {
                directory = rawDir.isBlank()
                        ? Paths.get(userHome, "Downloads")
                        : Paths.get(rawDir.strip());
                if (!directory.isAbsolute()) {
                    problems.add("downloadDirectory: '" + rawDir + "' is not an absolute path");
                }
                directory = directory.toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                problems.add("downloadDirectory: '" + rawDir + "' is not a valid path");
            }
        }

        OfferPolicy policy = null;
        String rawPolicy = read(problems, "offerPolicy", config::offerPolicy);
        if (rawPolicy != null) {
            try {
                policy = OfferPolicy.valueOf(rawPolicy.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("offerPolicy: '" + rawPolicy + "' is not one of DECLINE, ACCEPT, ACCEPT_FROM_ROSTER");
            }
        }

        int openSeconds = positive(problems, "streamOpenTimeoutSeconds", config::streamOpenTimeoutSeconds);
        int idleSeconds = positive(problems, "idleTimeoutSeconds", config::idleTimeoutSeconds);
        int concurrent = positive(problems, "maxConcurrentTransfers", config::maxConcurrentTransfers);
        int partHours = positive(problems, "partExpiryHours", config::partExpiryHours);
        int waitingPerPeer = positive(problems, "maxIncomingPerPeer", config::maxIncomingPerPeer);
        int waiting = positive(problems, "maxIncoming", config::maxIncoming);

        long hashLimit = 0;
        try {
            hashLimit = config.hashLimitBytes();
            if (hashLimit < 0) {
                problems.add("hashLimitBytes: " + hashLimit + " is negative");
            }
        } catch (RuntimeException e) {
            problems.add("hashLimitBytes: not a number");
        }

        int kept = 0;
        try {
            kept = config.keptTransfers();
            if (kept < 0) {
                problems.add("keptTransfers: " + kept + " is negative");
            }
        } catch (RuntimeException e) {
            problems.add("keptTransfers: not a number");
        }

        if (!problems.isEmpty()) {
            return new Validation(Optional.empty(), List.copyOf(problems));
        }
        return new Validation(Optional.of(new TransferSettings(directory, policy, Duration.ofSeconds(openSeconds),
                Duration.ofSeconds(idleSeconds), hashLimit, concurrent, kept, Duration.ofHours(partHours), waitingPerPeer, waiting)), List.of());
    }

    private static int positive(List<String> problems, String field, Supplier<Integer> value) {
        try {
            int v = value.get();
            if (v < 1) {
                problems.add(field + ": " + v + " must be at least 1");
            }
            return v;
        } catch (RuntimeException e) {
            problems.add(field + ": not a number");
            return 0;
        }
    }

    private static String read(List<String> problems, String field, Supplier<String> value) {
        try {
            String v = value.get();
            if (v == null) {
                problems.add(field + ": missing");
            }
            return v;
        } catch (RuntimeException e) {
            problems.add(field + ": unreadable");
            return null;
        }
    }
}
