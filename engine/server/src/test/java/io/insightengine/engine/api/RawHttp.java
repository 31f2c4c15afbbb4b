package io.insightengine.engine.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket: a client that sends headers and part of a body and then waits,
 * which java.net.http and REST Assured do not do (they send the whole body first).
 */
final class RawHttp implements AutoCloseable {
  private final Socket socket;

  RawHttp(URL root) throws IOException {
    socket = new Socket(root.getHost(), root.getPort());
    socket.setSoTimeout(15_000); // an engine waiting for the body would time out here
  }

  /** A POST's headers; {@code framing} is its Content-Length or Transfer-Encoding header. */
  static String post(String path, String authorization, String framing) {
    return "POST "
        + path
        + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
        + framing
        + "\r\n\r\n";
  }

  /** {@code data} as one chunk of a chunked body. */
  static byte[] chunk(byte[] data) {
    byte[] head = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] chunk = Arrays.copyOf(head, head.length + data.length + 2);
    System.arraycopy(data, 0, chunk, head.length, data.length);
    chunk[chunk.length - 2] = '\r';
    chunk[chunk.length - 1] = '\n';
    return chunk;
  }

  static byte[] spaces(int n) {
    byte[] bytes = new byte[n];
    Arrays.fill(bytes, (byte) ' ');
    return bytes;
  }

  void send(String text) throws IOException {
    send(text.getBytes(StandardCharsets.US_ASCII));
  }

  void send(byte[] bytes) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(bytes);
    out.flush();
  }

  /** The status line, headers and body of the response (its Content-Length's worth). */
  String response() throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    String headers = head.toString(StandardCharsets.US_ASCII);
    int length = 0;
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
