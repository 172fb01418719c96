package org.councilchat.handoff.photos;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.councilchat.handoff.PhotoProperties;
import org.springframework.stereotype.Component;

/**
 * Asks the council's ClamAV daemon about a file, over clamd's {@code INSTREAM} protocol: the command, then the
 * file in chunks each led by its length as four bytes, then a zero length; clamd answers {@code stream: OK} or
 * {@code stream: <signature> FOUND}. Any other answer, or none in time, is an {@link IOException}: a file that could
 * not be checked is not kept.
 */
@Component
public class VirusScanner {

    private static final int CHUNK = 64 * 1024;

    private final PhotoProperties properties;

    VirusScanner(PhotoProperties properties) {
        this.properties = properties;
    }

    /** Whether the council configured a scanner; with none, photos are kept unscanned. */
    public boolean configured() {
        return !properties.scannerHost().isBlank();
    }

    /** True when clamd found nothing in {@code file}. */
    public boolean clean(byte[] file) throws IOException {
        int timeout = Math.toIntExact(properties.scannerTimeout().toMillis());
        try (Socket clamd = new Socket()) {
            clamd.connect(new InetSocketAddress(properties.scannerHost(), properties.scannerPort()), timeout);
            clamd.setSoTimeout(timeout);
            DataOutputStream out = new DataOutputStream(clamd.getOutputStream());
            out.write("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
            for (int from = 0; from < file.length; from += CHUNK) {
                int length = Math.min(CHUNK, file.length - from);
                out.writeInt(length);
                out.write(file, from, length);
            }
            out.writeInt(0);
            out.flush();
            String verdict = reply(clamd.getInputStream());
            if (verdict.equals("stream: OK")) {
                return true;
            }
            if (verdict.startsWith("stream: ") && verdict.endsWith(" FOUND")) {
                return false;
            }
            // "INSTREAM size limit exceeded. ERROR" and the like: clamd did not look at the whole file.
            throw new IOException("clamd did not give a verdict: " + verdict);
        }
    }

    /** clamd's answer to a z-command ends with a NUL byte. */
    private static String reply(InputStream in) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        for (int b = in.read(); b > 0; b = in.read()) {
            reply.write(b);
            if (reply.size() > 1024) {
                break;
            }
        }
        String text = reply.toString(StandardCharsets.US_ASCII).strip();
        if (text.isEmpty()) {
            throw new IOException("clamd closed the connection without a verdict");
        }
        return text;
    }
}
