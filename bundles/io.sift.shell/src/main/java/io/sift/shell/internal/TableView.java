package io.sift.shell.internal;

import java.util.ArrayList;
import java.util.List;

import io.sift.shell.text.Printable;

/**
 * A table's content, for whichever shell renders it: headers and rows of cells. Text from the network
 * is made printable here; an empty cell shows as {@code -}.
 *
 * @param wrapLast whether the last column holds long text that may wrap on a narrow terminal
 */
public record TableView(List<String> headers, List<List<String>> rows, boolean wrapLast) {

    public TableView {
        headers = List.copyOf(headers);
        rows = List.copyOf(rows);
    }

    public static Builder of(String... headers) {
        return new Builder(List.of(headers));
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Collects rows; each must have one cell per header. */
    public static final class Builder {
        private final List<String> headers;
        private final List<List<String>> rows = new ArrayList<>();
        private boolean wrapLast;

        private Builder(List<String> headers) {
            this.headers = headers;
        }

        public Builder row(String... cells) {
            if (cells.length != headers.size()) {
                throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
            }
            List<String> row = new ArrayList<>(cells.length);
            for (String cell : cells) {
                row.add(cell == null || cell.isEmpty() ? "-" : Printable.of(cell));
            }
            rows.add(List.copyOf(row));
            return this;
        }

        public Builder wrapLast() {
            wrapLast = true;
            return this;
        }

        public TableView build() {
            return new TableView(headers, rows, wrapLast);
        }
    }
}
