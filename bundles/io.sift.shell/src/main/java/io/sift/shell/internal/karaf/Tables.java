package io.sift.shell.internal.karaf;

import java.io.PrintStream;
import java.util.List;

import org.apache.karaf.shell.support.table.Col;
import org.apache.karaf.shell.support.table.ShellTable;

import io.sift.shell.internal.Console;
import io.sift.shell.internal.TableView;

/** Tables through Karaf's own {@link ShellTable}, as Karaf's commands print theirs. */
final class Tables {

    private Tables() {
    }

    /**
     * @param noFormat tab-separated rows without a header, for scripts ({@code --no-format}); unlike
     *        ShellTable's own unformatted output, cells are not padded, so fields split cleanly
     * @param emptyText printed instead of an empty table
     */
    static void print(Console console, TableView view, boolean noFormat, String emptyText) {
        PrintStream out = console.out();
        if (noFormat) {
            view.rows().forEach(row -> out.println(String.join("\t", row)));
            return;
        }
        if (view.isEmpty()) {
            out.println(emptyText);
            return;
        }
        ShellTable table = new ShellTable();
        List<String> headers = view.headers();
        for (int i = 0; i < headers.size(); i++) {
            Col col = table.column(headers.get(i));
            if (view.wrapLast() && i == headers.size() - 1) {
                col.wrap();
            }
        }
        if (view.wrapLast() && console.drawsProgress()) {
            // on a terminal in the foreground: long text wraps in the last column instead of the
            // terminal breaking the lines
            table.size(console.width() - 1);
        }
        for (List<String> row : view.rows()) {
            table.addRow().addContent(row.toArray());
        }
        table.print(out, true);
    }
}
