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
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A trained intent model on disk: a header (magic, format version, when and from how many examples it was
 * trained, whether it needs sentence embeddings) and the model, gzipped. A file of another format version is refused with a message saying to
 * retrain, rather than misread. Written to a temporary file and moved into place, so a reader never sees
 * half a model.
 */
public final class ModelFile {

    static final String MAGIC = "council-chat intent model";
    public static final int FORMAT_VERSION = 2;

    private ModelFile() {}

    /** What the header says about a model. */
    public record Header(int formatVersion, Instant trained, int examples, boolean sentenceEmbeddings) {}

    public static void write(BlendedIntentClassifier classifier, int examples, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".part");
        try {
            try (OutputStream raw = Files.newOutputStream(temporary);
                    DataOutputStream out =
                            new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(raw), 1 << 16))) {
                out.writeUTF(MAGIC);
                out.writeInt(FORMAT_VERSION);
                out.writeUTF(Instant.now().toString());
                out.writeInt(examples);
                out.writeBoolean(classifier.usesSentenceEmbeddings());
                classifier.write(out);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    public static BlendedIntentClassifier read(InputStream stream, String name) throws IOException {
        try (DataInputStream in = open(stream)) {
            header(in, name);
            return BlendedIntentClassifier.read(in);
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
        return new Header(version, trained, examples, in.readBoolean());
    }
}
