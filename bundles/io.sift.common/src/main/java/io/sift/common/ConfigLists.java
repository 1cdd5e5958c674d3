package io.sift.common;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a list-valued configuration attribute however it was written: as an array (ConfigAdmin, a
 * Karaf {@code .config} file) or as one string with entries separated by commas (a {@code .cfg}
 * file, which holds plain strings). Blank entries are left out: consoles save an empty list as one
 * empty string.
 */
public final class ConfigLists {

    private ConfigLists() {
    }

    public static List<String> entries(String[] values) {
        List<String> entries = new ArrayList<>();
        for (String value : values == null ? new String[0] : values) {
            for (String entry : value == null ? new String[0] : value.split(",")) {
                if (!entry.isBlank()) {
                    entries.add(entry.strip());
                }
            }
        }
        return entries;
    }
}
