package org.imlbench.hf.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A {@link Checkpoint} over one or more weights files, each tensor located by its canonical name. */
final class OpenedCheckpoint implements Checkpoint {
    /** Where a canonical tensor lives. */
    record Location(TensorFile file, String storedName) {
    }

    private final Path directory;
    private final OptConfig config;
    private final Map<String, Location> locations;
    private final List<TensorFile> files;

    OpenedCheckpoint(Path directory, OptConfig config, Map<String, Location> locations, List<TensorFile> files) {
        this.directory = directory;
        this.config = config;
        this.locations = Collections.unmodifiableMap(locations);
        this.files = List.copyOf(files);
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public OptConfig config() {
        return config;
    }

    @Override
    public Set<String> tensorNames() {
        return locations.keySet();
    }

    @Override
    public TensorData tensor(String name) throws IOException {
        Location location = locate(name);
        return location.file().read(location.storedName(), name);
    }

    @Override
    public long[] shape(String name) throws IOException {
        Location location = locate(name);
        return location.file().shape(location.storedName());
    }

    private Location locate(String name) throws IOException {
        Location location = locations.get(name);
        if (location == null) {
            throw new IOException(directory + ": checkpoint has no tensor '" + name + "'");
        }
        return location;
    }

    @Override
    public void close() {
        for (TensorFile file : files) {
            try {
                file.close();
            } catch (IOException e) {
                // closing a read-only channel cannot lose data; nothing useful to report
            }
        }
    }
}
