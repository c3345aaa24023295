package org.imlbench.hf.hub;

/** Hears how a download advances (e.g. to draw a progress bar). */
@FunctionalInterface
public interface DownloadListener {
    /** A listener that ignores everything. */
    DownloadListener NONE = (file, done, total) -> { };

    /**
     * @param file the repository file being downloaded
     * @param done bytes on disk so far (including a resumed part)
     * @param total the file's size, or -1 when unknown
     */
    void progress(String file, long done, long total);
}
