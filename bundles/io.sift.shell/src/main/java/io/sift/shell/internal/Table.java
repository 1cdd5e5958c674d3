package io.sift.shell.internal;

import java.util.List;

/**
 * A table as plain text, for shells without a table renderer of their own (Gogo): a header row and
 * left-aligned columns two spaces apart.
 */
public final class Table {

    private Table() {
    }

    /** The table, one line per row, each ending with a line separator; trailing spaces trimmed. */
    public static String render(TableView table) {
        List<String> headers = table.headers();
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (List<String> row : table.rows()) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, headers, widths);
        for (List<String> row : table.rows()) {
            line(sb, row, widths);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                line.append("  ");
            }
            line.append(cells.get(c));
            line.append(" ".repeat(widths[c] - cells.get(c).length()));
        }
        sb.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
}
