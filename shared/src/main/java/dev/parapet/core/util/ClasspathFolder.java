package dev.parapet.core.util;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/** A classpath folder as a {@link Path}, whether it lies in a directory (build, Lambda's /var/task) or a jar. */
public final class ClasspathFolder {
    private ClasspathFolder() {
    }

    /** @return the folder, or null when it is not on the classpath */
    public static Path of(String folder) throws IOException {
        URL url = ClasspathFolder.class.getClassLoader().getResource(folder);
        if (url == null) {
            return null;
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.getFileSystem(uri);
                } catch (FileSystemNotFoundException e) {
                    try {
                        fs = FileSystems.newFileSystem(uri, Map.of());
                    } catch (java.nio.file.FileSystemAlreadyExistsException raced) {
                        fs = FileSystems.getFileSystem(uri);
                    }
                }
                return fs.getPath(folder);
            }
            return Path.of(uri);
        } catch (URISyntaxException e) {
            throw new IOException("bad classpath URL " + url, e);
        }
    }
}
