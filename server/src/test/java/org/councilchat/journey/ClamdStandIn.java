package org.councilchat.journey;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for ClamAV's daemon, speaking clamd's {@code zINSTREAM} protocol over real TCP: the chunks each led by
 * a four-byte length, a zero length to end, and a NUL-terminated verdict. Debian's clamd cannot fetch its signature
 * database on a machine without the internet, so the tests cannot run the real one; this one knows a single
 * signature, the EICAR test file, which every virus scanner is built to report (clamd says
 * {@code Eicar-Test-Signature FOUND}). {@link #breakDown()} makes it hang up without a verdict, as a clamd that is
 * restarting or overloaded does.
 */
public final class ClamdStandIn implements AutoCloseable {

    /** The EICAR anti-virus test file, put together here so that no scanner flags this source file itself. */
    public static final String EICAR =
            "X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!" + "$H+H*";

    private final ServerSocket server;
    private final AtomicBoolean broken = new AtomicBoolean();
    private final AtomicInteger scanned = new AtomicInteger();

    public ClamdStandIn() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("clamd-stand-in").start(this::serve);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** How many files it gave a verdict on. */
    public int scanned() {
        return scanned.get();
    }

    public void breakDown() {
        broken.set(true);
    }

    public void repair() {
        broken.set(false);
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> answer(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void answer(Socket client) {
        try (client) {
            DataInputStream in = new DataInputStream(client.getInputStream());
            byte[] command = new byte["zINSTREAM\0".length()];
            in.readFully(command);
            if (!new String(command, StandardCharsets.US_ASCII).equals("zINSTREAM\0")) {
                reply(client.getOutputStream(), "UNKNOWN COMMAND");
                return;
            }
            if (broken.get()) {
                return; // hangs up with no verdict
            }
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            for (int length = in.readInt(); length > 0; length = in.readInt()) {
                file.write(in.readNBytes(length));
            }
            scanned.incrementAndGet();
            boolean eicar = file.toString(StandardCharsets.ISO_8859_1).contains(EICAR);
            reply(client.getOutputStream(), eicar ? "stream: Eicar-Test-Signature FOUND" : "stream: OK");
        } catch (IOException gone) {
            // The client went away: nothing to answer.
        }
    }

    private static void reply(OutputStream out, String verdict) throws IOException {
        out.write((verdict + "\0").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
