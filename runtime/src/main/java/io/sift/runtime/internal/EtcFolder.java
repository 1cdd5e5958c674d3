package io.sift.runtime.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Reads an {@code etc/} folder the way Karaf and Felix FileInstall do, so the same files work in
 * both: {@code <pid>.cfg} is the configuration of a PID, {@code <factoryPid>-<name>.cfg} one
 * configuration of a factory (split at the first '-'); the content is a Java properties file.
 * Other files are ignored. Values are trimmed; the components convert them to numbers themselves.
 * Files may be UTF-8 or ISO-8859-1.
 */
final class EtcFolder {

    static final String SUFFIX = ".cfg";

    /** One configuration file: {@code factoryPid} is null for a plain PID. */
    record ConfigFile(Path file, String pid, String factoryPid, String name, Map<String, String> properties) {

        boolean isFactory() {
            return factoryPid != null;
        }

        /** How people name it: {@code io.sift.connection~alice} or {@code io.sift.filetransfer}. */
        String label() {
            return isFactory() ? factoryPid + "~" + name : pid;
        }
    }

    /** The files read, and one problem line per file that could not be read. */
    record Contents(List<ConfigFile> files, List<String> problems) {
    }

    private EtcFolder() {
    }

    static Contents read(Path dir) {
        List<ConfigFile> files = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            stream.forEach(candidates::add);
        } catch (IOException e) {
            problems.add(dir + ": cannot list the folder: " + e.getMessage());
            return new Contents(List.of(), List.copyOf(problems));
        }
        candidates.sort(null);
        for (Path file : candidates) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            String base = file.getFileName().toString();
            base = base.substring(0, base.length() - SUFFIX.length());
            if (base.isEmpty() || base.startsWith("-") || base.endsWith("-")) {
                problems.add(file + ": the name must be <pid>.cfg or <factoryPid>-<name>.cfg");
                continue;
            }
            Map<String, String> properties;
            try {
                properties = load(file);
            } catch (IOException | IllegalArgumentException e) {
                problems.add(file + ": cannot read: " + e.getMessage());
                continue;
            }
            int dash = base.indexOf('-');
            if (dash < 0) {
                files.add(new ConfigFile(file, base, null, null, properties));
            } else {
                files.add(new ConfigFile(file, null, base.substring(0, dash), base.substring(dash + 1), properties));
            }
        }
        return new Contents(List.copyOf(files), List.copyOf(problems));
    }

    private static Map<String, String> load(Path file) throws IOException {
        Properties props = new Properties();
        try (Reader reader = new StringReader(decode(Files.readAllBytes(file)))) {
            props.load(reader);
        }
        Map<String, String> result = new TreeMap<>();
        for (String key : props.stringPropertyNames()) {
            result.put(key.strip(), props.getProperty(key).strip());
        }
        return result;
    }

    /** UTF-8, or ISO-8859-1 (what java.util.Properties files traditionally are) when it is not valid UTF-8. */
    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
