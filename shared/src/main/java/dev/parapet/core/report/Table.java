package dev.parapet.core.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A left-aligned text table with columns as wide as their widest cell (long cells are cut at 80). */
public final class Table {
    private static final int MAX_WIDTH = 80;
    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    public Table(String... header) {
        this.header = header;
    }

    public void row(String... cells) {
        rows.add(cells);
    }

    public void print(PrintStream out) {
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.min(MAX_WIDTH, Math.max(width[i], row[i].length()));
            }
        }
        line(out, header, width);
        for (String[] row : rows) {
            line(out, row, width);
        }
    }

    private static void line(PrintStream out, String[] cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i].length() > width[i] ? cells[i].substring(0, width[i] - 1) + "…" : cells[i];
            b.append(cell);
            if (i < cells.length - 1) {
                b.append(" ".repeat(width[i] - cell.length() + 2));
            }
        }
        out.println(b.toString().stripTrailing());
    }
}
