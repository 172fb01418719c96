package org.councilchat.engine.nlu;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.councilchat.engine.ModelVersion;

/**
 * A trained intent model on disk: a header (magic, format version, when and from how many examples it was
 * trained, whether it needs sentence embeddings, and from format 3 its {@link ModelVersion}: the hash of its
 * training data, the training files' names and the examples of each intent) and the model, gzipped. A file of another format version is refused with a message saying to
 * retrain, rather than misread. Written to a temporary file and moved into place, so a reader never sees
 * half a model.
 */
public final class ModelFile {

    static final String MAGIC = "council-chat intent model";
    /**
     * 3 added the model's version (training data hash, source, examples per intent) to the header; 4 gives
     * Welsh messages no sentence embedding ({@link EnglishEmbeddings}), so a format 3 model would see other
     * features than it was trained on.
     */
    public static final int FORMAT_VERSION = 4;

    private ModelFile() {}

    /** What the header says about a model. */
    public record Header(int formatVersion, int examples, ModelVersion version) {

        public Instant trained() {
            return version.trainedAt();
        }

        public boolean sentenceEmbeddings() {
            return version.sentenceEmbeddings();
        }
    }

    /** A model read from a file, with its header. */
    public record Loaded(Header header, BlendedIntentClassifier classifier) {}

    /** Writes {@code classifier}, trained on the data {@code version} describes, to {@code file}. */
    public static void write(BlendedIntentClassifier classifier, ModelVersion version, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".part");
        try {
            try (OutputStream raw = Files.newOutputStream(temporary)) {
                write(classifier, version, raw);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Writes {@code classifier} and its header to {@code stream}, which is left open. */
    public static void write(BlendedIntentClassifier classifier, ModelVersion version, OutputStream stream)
            throws IOException {
        GZIPOutputStream zipped = new GZIPOutputStream(new NonClosing(stream));
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(zipped, 1 << 16))) {
            out.writeUTF(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeUTF(version.trainedAt().toString());
            out.writeInt(version.examples());
            out.writeBoolean(classifier.usesSentenceEmbeddings());
            out.writeUTF(version.id());
            out.writeUTF(version.source());
            out.writeInt(version.intents());
            for (Map.Entry<String, Integer> intent : version.examplesPerIntent().entrySet()) {
                out.writeUTF(intent.getKey());
                out.writeInt(intent.getValue());
            }
            classifier.write(out);
        }
    }

    /** Lets the gzip stream finish without closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    public static BlendedIntentClassifier read(InputStream stream, String name) throws IOException {
        return load(stream, name).classifier();
    }

    /** Reads a model and its header. */
    public static Loaded load(InputStream stream, String name) throws IOException {
        try (DataInputStream in = open(stream)) {
            Header header = header(in, name);
            return new Loaded(header, BlendedIntentClassifier.read(in));
        } catch (java.util.zip.ZipException notGzip) {
            throw new IOException(name + " is not a Council Chat intent model", notGzip);
        }
    }

    /** Reads only the header of a model file. */
    public static Header readHeader(InputStream stream, String name) throws IOException {
        try (DataInputStream in = open(stream)) {
            return header(in, name);
        } catch (java.util.zip.ZipException notGzip) {
            throw new IOException(name + " is not a Council Chat intent model", notGzip);
        }
    }

    private static DataInputStream open(InputStream stream) throws IOException {
        return new DataInputStream(new BufferedInputStream(new GZIPInputStream(stream), 1 << 16));
    }

    private static Header header(DataInputStream in, String name) throws IOException {
        String magic = in.readUTF();
        if (!MAGIC.equals(magic)) {
            throw new IOException(name + " is not a Council Chat intent model");
        }
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException(name + " is an intent model of format " + version + "; this version reads format "
                    + FORMAT_VERSION + ". Train it again with: nlu train --data FILE... --out MODEL");
        }
        Instant trained = Instant.parse(in.readUTF());
        int examples = in.readInt();
        boolean sentenceEmbeddings = in.readBoolean();
        String id = in.readUTF();
        String source = in.readUTF();
        int intents = in.readInt();
        Map<String, Integer> examplesPerIntent = new TreeMap<>();
        for (int i = 0; i < intents; i++) {
            examplesPerIntent.put(in.readUTF(), in.readInt());
        }
        return new Header(
                version, examples, new ModelVersion(id, trained, source, examplesPerIntent, sentenceEmbeddings));
    }
}
