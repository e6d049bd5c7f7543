package dev.coreoswatch.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback server that reads each request in full (head and body) and then resets the connection
 * without answering: the request reached the server, the client sees no answer. Records the method
 * of every request it read, so a re-sent request shows.
 */
final class ResettingServer implements AutoCloseable {
    private final ServerSocket socket;
    private final List<String> methods = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    ResettingServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serve, "resetting-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
    }

    /** The methods of the requests read so far, in order. */
    List<String> methods() {
        return List.copyOf(methods);
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                String head = readHead(client.getInputStream());
                int length = contentLength(head);
                client.getInputStream().readNBytes(length);
                methods.add(head.substring(0, Math.max(0, head.indexOf(' '))));
                client.setSoLinger(true, 0); // close with RST: "connection reset" on the client
            } catch (IOException e) {
                // closed while accepting, or the client went away: nothing to record
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b; matched < 4 && (b = in.read()) >= 0; ) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(
                        line.substring("content-length:".length()).strip());
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
