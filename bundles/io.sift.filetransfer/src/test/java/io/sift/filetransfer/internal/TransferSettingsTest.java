package io.sift.filetransfer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TransferSettingsTest {

    @TempDir
    Path home;

    private TransferSettings.Validation validate(Map<String, Object> values) {
        return TransferSettings.validate(ConfigProxy.of(values), home.toString());
    }

    private List<String> problems(String key, Object value) {
        Map<String, Object> values = new HashMap<>();
        values.put(key, value);
        TransferSettings.Validation v = validate(values);
        assertTrue(v.settings().isEmpty(), "accepted " + key + "=" + value);
        return v.problems();
    }

    @Test
    void theDefaultsAreValid() {
        TransferSettings.Validation v = validate(Map.of());
        assertEquals(List.of(), v.problems());
        TransferSettings s = v.settings().orElseThrow();
        assertEquals(home.resolve("Downloads"), s.downloadDirectory());
        assertEquals(OfferPolicy.DECLINE, s.offerPolicy());
        assertEquals(Duration.ofSeconds(30), s.streamOpenTimeout());
        assertEquals(Duration.ofSeconds(60), s.idleTimeout());
        assertEquals(Long.MAX_VALUE, s.hashLimitBytes());
        assertEquals(64, s.maxConcurrentTransfers());
        assertEquals(100, s.keptTransfers());
        assertEquals(Duration.ofHours(48), s.partExpiry());
    }

    @Test
    void everyFieldIsTaken() {
        Map<String, Object> values = new HashMap<>();
        values.put("downloadDirectory", " " + home.resolve("in/../incoming") + " ");
        values.put("offerPolicy", " accept_from_roster ");
        values.put("streamOpenTimeoutSeconds", 5);
        values.put("idleTimeoutSeconds", 7);
        values.put("hashLimitBytes", 0L);
        values.put("maxConcurrentTransfers", 1);
        values.put("keptTransfers", 0);
        TransferSettings s = validate(values).settings().orElseThrow();
        assertEquals(home.resolve("incoming"), s.downloadDirectory());
        assertEquals(OfferPolicy.ACCEPT_FROM_ROSTER, s.offerPolicy());
        assertEquals(Duration.ofSeconds(5), s.streamOpenTimeout());
        assertEquals(Duration.ofSeconds(7), s.idleTimeout());
        assertEquals(0, s.hashLimitBytes());
        assertEquals(1, s.maxConcurrentTransfers());
        assertEquals(0, s.keptTransfers());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void anEmptyDirectoryMeansDownloadsInTheHomeDirectory(String directory) {
        assertEquals(home.resolve("Downloads"),
                validate(Map.of("downloadDirectory", directory)).settings().orElseThrow().downloadDirectory());
    }

    @ParameterizedTest
    @ValueSource(strings = {"downloads", "./in", "../etc", "~/Downloads"})
    void aRelativeDirectoryIsRejected(String directory) {
        assertEquals(List.of("downloadDirectory: '" + directory + "' is not an absolute path"),
                problems("downloadDirectory", directory));
    }

    @Test
    void anInvalidDirectoryIsRejected() {
        assertEquals(List.of("downloadDirectory: '/tmp/a\u0000b' is not a valid path"),
                problems("downloadDirectory", "/tmp/a\u0000b"));
    }

    @Test
    void aMissingDirectoryIsReported() {
        assertEquals(List.of("downloadDirectory: missing"), problems("downloadDirectory", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MAYBE", "ACCEPT ALL", "accept,decline"})
    void anUnknownPolicyIsRejected(String policy) {
        List<String> problems = problems("offerPolicy", policy);
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("offerPolicy: '" + policy + "' is not one of"), problems::toString);
    }

    @ParameterizedTest
    @CsvSource({
        "streamOpenTimeoutSeconds, 0, streamOpenTimeoutSeconds: 0 must be at least 1",
        "streamOpenTimeoutSeconds, -5, streamOpenTimeoutSeconds: -5 must be at least 1",
        "idleTimeoutSeconds, 0, idleTimeoutSeconds: 0 must be at least 1",
        "maxConcurrentTransfers, -2147483648, maxConcurrentTransfers: -2147483648 must be at least 1",
        "keptTransfers, -1, keptTransfers: -1 is negative",
    })
    void anOutOfRangeNumberIsRejected(String field, int value, String problem) {
        assertEquals(List.of(problem), problems(field, value));
    }

    @Test
    void aNegativeHashLimitIsRejected() {
        assertEquals(List.of("hashLimitBytes: -1 is negative"), problems("hashLimitBytes", -1L));
    }

    @ParameterizedTest
    @CsvSource({
        "downloadDirectory, downloadDirectory: unreadable",
        "offerPolicy, offerPolicy: unreadable",
        "streamOpenTimeoutSeconds, streamOpenTimeoutSeconds: not a number",
        "idleTimeoutSeconds, idleTimeoutSeconds: not a number",
        "hashLimitBytes, hashLimitBytes: not a number",
        "maxConcurrentTransfers, maxConcurrentTransfers: not a number",
        "keptTransfers, keptTransfers: not a number",
    })
    void aValueDsCannotConvertIsReported(String field, String problem) {
        // DS throws when the configured string does not convert to the attribute's type
        assertEquals(List.of(problem), problems(field, new NumberFormatException("For input string: \"x\"")));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, Object> values = new HashMap<>();
        values.put("downloadDirectory", "relative");
        values.put("offerPolicy", "sometimes");
        values.put("streamOpenTimeoutSeconds", 0);
        values.put("idleTimeoutSeconds", new IllegalArgumentException("bad"));
        values.put("hashLimitBytes", -7L);
        values.put("maxConcurrentTransfers", 0);
        values.put("keptTransfers", -3);
        TransferSettings.Validation v = validate(values);
        assertTrue(v.settings().isEmpty());
        List<String> fields = v.problems().stream().map(p -> p.substring(0, p.indexOf(':'))).toList();
        assertEquals(List.of("downloadDirectory", "offerPolicy", "streamOpenTimeoutSeconds", "idleTimeoutSeconds",
                "maxConcurrentTransfers", "hashLimitBytes", "keptTransfers"), fields);
    }
}
