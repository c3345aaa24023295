package org.imlbench.hf.checkpoint;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.imlbench.files.IoErrors;

/**
 * A {@code torch.save} archive (the zip format of torch ≥ 1.6): {@code <name>/data.pkl} holds the state_dict
 * pickle, read by a {@link RestrictedUnpickler} that accepts only tensors rebuilt from storages, and
 * {@code <name>/data/<key>} holds each storage's raw little-endian bytes.
 */
final class PytorchBinFile implements TensorFile {
    /** Pickles of state_dicts are a few hundred bytes per tensor; refuse absurd ones before allocating. */
    private static final long MAX_PICKLE_BYTES = 512L << 20;
    private static final int CHUNK_BYTES = 1 << 20;

    private final Path file;
    private final ZipFile zip;
    private final Map<String, TorchStateDictPolicy.Tensor> tensors;
    /** Each tensor's storage entry, checked against the tensor when the file opened. */
    private final Map<String, ZipEntry> storages;

    private PytorchBinFile(Path file, ZipFile zip, Map<String, TorchStateDictPolicy.Tensor> tensors,
                           Map<String, ZipEntry> storages) {
        this.file = file;
        this.zip = zip;
        this.tensors = tensors;
        this.storages = storages;
    }

    /**
     * Opens an archive and reads its state_dict pickle (never running any code).
     *
     * @param file the .bin file
     * @return the opened file
     * @throws IOException naming the file and the problem, e.g. a refused pickle global
     */
    static PytorchBinFile open(Path file) throws IOException {
        byte[] magic = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(magic, 0, 4) < 4 || magic[0] != 'P' || magic[1] != 'K') {
                throw new IOException(file + ": not a torch.save zip archive (the legacy pre-1.6 format is not "
                        + "supported; re-save it with a current torch or convert it to safetensors)");
            }
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        } catch (IOException e) {
            throw IoErrors.naming(file, "cannot read", e);
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (IOException e) {
            // ZipException, or a bare EOFException from a directory that points past the end of the file
            throw IoErrors.naming(file, "corrupt zip archive", e);
        }
        try {
            ZipEntry pickle = findPickle(file, zip);
            String prefix = pickle.getName().substring(0, pickle.getName().length() - "data.pkl".length());
            checkByteOrder(file, zip, prefix);
            if (pickle.getSize() > MAX_PICKLE_BYTES) {
                throw new IOException(file + ": data.pkl is " + pickle.getSize()
                        + " bytes, too large for a state_dict");
            }
            byte[] bytes;
            try (InputStream in = zip.getInputStream(pickle)) {
                // the size in the zip's directory may lie: never inflate more than the limit
                bytes = in.readNBytes((int) MAX_PICKLE_BYTES + 1);
            }
            if (bytes.length > MAX_PICKLE_BYTES) {
                throw new IOException(file + ": data.pkl inflates to more than " + MAX_PICKLE_BYTES
                        + " bytes, too large for a state_dict");
            }
            Object root = RestrictedUnpickler.load(file.toString(), new TorchStateDictPolicy(file.toString()), bytes);
            Map<String, TorchStateDictPolicy.Tensor> tensors = stateDict(file, root);
            // before any reader sizes a buffer from a shape: a shape of 2e8 elements over a storage of three
            // (fuzzer: crash-f09bc7a1) must be refused here, not after 800 MB were allocated for it
            Map<String, ZipEntry> storages = new HashMap<>();
            for (Map.Entry<String, TorchStateDictPolicy.Tensor> tensor : tensors.entrySet()) {
                storages.put(tensor.getKey(), storageEntry(file, zip, prefix, tensor.getKey(), tensor.getValue()));
            }
            return new PytorchBinFile(file, zip, tensors, storages);
        } catch (IOException e) {
            zip.close();
            // the zip reader's own messages ("invalid bit length repeat") name neither the file nor the problem
            throw IoErrors.naming(file, "corrupt zip archive", e);
        } catch (RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    private static ZipEntry findPickle(Path file, ZipFile zip) throws IOException {
        ZipEntry found = null;
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            ZipEntry entry;
            try {
                entry = e.nextElement();
            } catch (IllegalArgumentException malformed) {
                // ZipFile decodes names as UTF-8 and throws a bare IllegalArgumentException on bytes that are not
                // (fuzzer: crash-3da4421c). Every name is read here once, so later lookups cannot meet one.
                throw new IOException(file + ": corrupt zip archive: an entry's name is not valid UTF-8", malformed);
            }
            String name = entry.getName();
            if (name.endsWith("/data.pkl") && name.indexOf('/') == name.length() - "/data.pkl".length()) {
                if (found != null) {
                    throw new IOException(file + ": archive holds more than one data.pkl");
                }
                found = entry;
            }
        }
        if (found == null) {
            throw new IOException(file + ": archive has no <name>/data.pkl; not a torch.save file");
        }
        return found;
    }

    private static void checkByteOrder(Path file, ZipFile zip, String prefix) throws IOException {
        ZipEntry order = zip.getEntry(prefix + "byteorder");
        if (order != null) {
            try (InputStream in = zip.getInputStream(order)) {
                String value = new String(in.readNBytes(16), StandardCharsets.US_ASCII).trim();
                if (!value.equals("little")) {
                    throw new IOException(file + ": storages are " + value + "-endian; only little-endian is "
                            + "supported");
                }
            }
        }
    }

    private static Map<String, TorchStateDictPolicy.Tensor> stateDict(Path file, Object root) throws IOException {
        if (!(root instanceof Map<?, ?> map)) {
            throw new IOException(file + ": the pickle is not a state_dict (a dict of tensors)");
        }
        Map<String, TorchStateDictPolicy.Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String name) || !(e.getValue() instanceof TorchStateDictPolicy.Tensor t)) {
                throw new IOException(file + ": state_dict entry '" + e.getKey() + "' is not a named tensor");
            }
            tensors.put(name, t);
        }
        return Collections.unmodifiableMap(tensors);
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public Set<String> storedNames() {
        return tensors.keySet();
    }

    @Override
    public long[] shape(String storedName) {
        return tensors.get(storedName).shape().clone();
    }

    @Override
    public StoredType storedType(String storedName) {
        return tensors.get(storedName).storage().type();
    }

    @Override
    public void stream(String storedName, ReadBuffers buffers, TensorChunks sink) throws IOException {
        TorchStateDictPolicy.Tensor t = tensors.get(storedName);
        String what = file + ": tensor '" + storedName + "'";
        if (t == null) {
            throw new IOException(file + ": no tensor '" + storedName + "'");
        }
        StoredType type = t.storage().type();
        if (!type.floating()) {
            throw new IOException(what + " stores " + type + ", which is not a floating type");
        }
        checkContiguous(t, what);
        ZipEntry entry = storages.get(storedName);
        long count = FloatBuffers.elementCount(t.shape());
        int chunkElements = ReadBuffers.chunkElements(type, Long.MAX_VALUE);
        byte[] block = new byte[CHUNK_BYTES - CHUNK_BYTES % type.byteSize()];
        try (InputStream in = zip.getInputStream(entry)) {
            in.skipNBytes(t.offset() * type.byteSize());
            for (long done = 0; done < count; done += chunkElements) {
                int n = (int) Math.min(chunkElements, count - done);
                ByteBuffer stored = buffers.stored(n * type.byteSize());
                // the zip stream fills a small heap block at a time; the chunk collects the blocks
                while (stored.hasRemaining()) {
                    int want = Math.min(block.length, stored.remaining());
                    if (in.readNBytes(block, 0, want) < want) {
                        throw new IOException(what + ": storage '" + t.storage().key() + "' is truncated");
                    }
                    stored.put(block, 0, want);
                }
                stored.flip();
                buffers.emit(type, stored, done, sink);
            }
        } catch (EOFException e) {
            throw new IOException(what + ": storage '" + t.storage().key() + "' is truncated", e);
        } catch (IOException e) {
            throw IoErrors.naming(file, "corrupt zip archive: storage " + entry.getName(), e);
        }
    }

    /**
     * Checks a tensor against its storage and the archive: its elements lie inside the storage, and the storage's
     * entry exists with the size its element count needs.
     *
     * @return the storage's entry
     */
    private static ZipEntry storageEntry(Path file, ZipFile zip, String prefix, String storedName,
            TorchStateDictPolicy.Tensor t) throws IOException {
        String what = file + ": tensor '" + storedName + "'";
        StoredType type = t.storage().type();
        long count;
        long expectedBytes;
        try {
            count = FloatBuffers.elementCount(t.shape());
            expectedBytes = Math.multiplyExact(t.storage().elementCount(), type.byteSize());
        } catch (ArithmeticException e) {
            throw new IOException(what + ": size " + Arrays.toString(t.shape()) + " or its storage's "
                    + t.storage().elementCount() + " elements overflow", e);
        }
        // offset >= 0 and count >= 0 (the policy refuses negatives), so this comparison cannot overflow
        if (count > t.storage().elementCount() - t.offset()) {
            throw new IOException(what + ": " + count + " elements from offset " + t.offset()
                    + " lie outside its storage of " + t.storage().elementCount());
        }
        ZipEntry entry = zip.getEntry(prefix + "data/" + t.storage().key());
        if (entry == null) {
            throw new IOException(what + ": storage " + prefix + "data/" + t.storage().key()
                    + " is missing from the archive");
        }
        if (entry.getSize() >= 0 && entry.getSize() != expectedBytes) {
            throw new IOException(what + ": storage '" + t.storage().key() + "' has " + entry.getSize()
                    + " bytes, but " + t.storage().elementCount() + " " + type + " elements need " + expectedBytes);
        }
        return entry;
    }

    private static void checkContiguous(TorchStateDictPolicy.Tensor t, String what) throws IOException {
        long expected = 1;
        for (int i = t.shape().length - 1; i >= 0; i--) {
            // a dimension of size 1 may carry any stride without changing the layout
            if (t.shape()[i] != 1 && t.stride()[i] != expected) {
                throw new IOException(what + " is not contiguous (size " + Arrays.toString(t.shape()) + ", stride "
                        + Arrays.toString(t.stride()) + "); save it with .contiguous() or as safetensors");
            }
            expected *= t.shape()[i];
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
