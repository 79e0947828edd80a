package dev.parapet.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a command writes its report: --output FILE (its folder created), or stdout. */
final class Output {
    private Output() {
    }

    /** Closing the stream closes the file but only flushes stdout, which must stay open after a report. */
    static OutputStream open(Path file, PrintStream stdout) throws IOException {
        if (file == null) {
            return new NonClosing(stdout);
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        return Files.newOutputStream(file);
    }

    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
