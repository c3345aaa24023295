package org.imlbench.hf.checkpoint;

import java.io.IOException;
import java.nio.FloatBuffer;
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
    private final ReadBuffers buffers = new ReadBuffers();

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
        TensorFile file = location.file();
        long[] shape = file.shape(location.storedName());
        FloatBuffer data = FloatBuffers.allocate(FloatBuffers.elementCount(shape), file.file() + ": tensor '"
                + location.storedName() + "'");
        stream(name, (offset, chunk) -> data.put(chunk.asFloatBuffer()));
        data.flip();
        return new TensorData(name, shape, file.storedType(location.storedName()).name(), data);
    }

    /** One tensor at a time: the checkpoint's read buffers are shared by all its files. */
    @Override
    public synchronized void stream(String name, TensorChunks sink) throws IOException {
        Location location = locate(name);
        location.file().stream(location.storedName(), buffers, sink);
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
