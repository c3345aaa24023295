package org.imlbench.hf.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumableDownloadTest {
    @Test
    void anEmptyFileOfKnownSizeExistsWithoutARequest(@TempDir Path temp) throws Exception {
        // port 9 (discard) on the loopback: any request would fail, so the file must come without one
        ResumableDownload downloads = new ResumableDownload(ResumableDownload.defaultHttpClient(),
                DownloadListener.NONE, Duration.ofSeconds(5), ResumableDownload.Headers.NONE);
        Path file = temp.resolve("pkg/__init__.py");
        assertEquals(0, downloads.fetch(URI.create("http://127.0.0.1:9/pkg/__init__.py"), "__init__.py", file, 0));
        assertTrue(Files.isRegularFile(file));
        assertEquals(0, Files.size(file));
    }
}
