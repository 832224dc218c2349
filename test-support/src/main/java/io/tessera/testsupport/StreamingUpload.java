package io.tessera.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * An HTTP/1.1 client over a plain socket that streams a large body while it watches for the answer,
 * as curl and browsers do: it stops sending once the server has answered. It measures what a server
 * costs a client, unlike the JDK's {@code HttpClient}, which finishes writing (or fails writing)
 * before it hands over an early answer. For tests of request-size limits: a server that answers
 * before reading the body answers in milliseconds, and the client sent far less than the body.
 *
 * @param host the server's host
 * @param port the server's port
 */
public record StreamingUpload(String host, int port) {

  private static final int CHUNK = 64 * 1024;

  /**
   * What the server answered.
   *
   * @param status the status code
   * @param head the status line and headers, as sent
   * @param body the body as sent (chunked transfer coding included, if used)
   * @param toStatus from the first byte sent to the status line received
   * @param bytesSent body bytes the client wrote before the answer stopped it
   */
  public record Answer(int status, String head, String body, Duration toStatus, long bytesSent) {}

  /**
   * Sends {@code method path} with {@code bodyBytes} bytes of spaces (declared by {@code
   * Content-Length}, or {@code chunked}) and returns the server's answer.
   *
   * @param headers more request headers (the content type, credentials)
   */
  public Answer send(
      String method, String path, Map<String, String> headers, long bodyBytes, boolean chunked)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 5_000);
      socket.setSoTimeout(30_000);
      long start = System.nanoTime();
      OutputStream out = socket.getOutputStream();
      String head =
          method
              + " "
              + path
              + " HTTP/1.1\r\nHost: "
              + host
              + "\r\n"
              + headers.entrySet().stream()
                  .map(header -> header.getKey() + ": " + header.getValue() + "\r\n")
                  .collect(Collectors.joining())
              + (chunked
                  ? "Transfer-Encoding: chunked\r\n"
                  : "Content-Length: " + bodyBytes + "\r\n")
              + "\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      AtomicLong sent = new AtomicLong();
      Thread writer = new Thread(() -> writeBody(out, bodyBytes, chunked, sent), "upload");
      writer.setDaemon(true);
      writer.start();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      int first = in.read();
      if (first < 0) {
        throw new IOException("the server closed the connection without answering");
      }
      Duration toStatus = Duration.ofNanos(System.nanoTime() - start);
      long sentAtAnswer = sent.get();
      received.write(first);
      writer.interrupt();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          received.write(buffer, 0, n);
          if (complete(received.toString(StandardCharsets.UTF_8))) {
            break;
          }
        }
      } catch (SocketException e) {
        // the server reset the connection after its answer: the rest of the body was unwanted
      }
      String text = received.toString(StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      String responseHead = split < 0 ? text : text.substring(0, split);
      String body = split < 0 ? "" : text.substring(split + 4);
      int status = Integer.parseInt(responseHead.substring(9, 12));
      return new Answer(status, responseHead, body, toStatus, sentAtAnswer);
    }
  }

  /** A whole response: headers and a body of the declared length, or the last chunk. */
  private static boolean complete(String text) {
    int split = text.indexOf("\r\n\r\n");
    if (split < 0) {
      return false;
    }
    String head = text.substring(0, split).toLowerCase(java.util.Locale.ROOT);
    String body = text.substring(split + 4);
    int at = head.indexOf("content-length:");
    if (at >= 0) {
      int end = head.indexOf("\r\n", at);
      long length = Long.parseLong(head.substring(at + 15, end < 0 ? head.length() : end).trim());
      return body.getBytes(StandardCharsets.UTF_8).length >= length;
    }
    return body.endsWith("0\r\n\r\n");
  }

  private static void writeBody(
      OutputStream out, long bodyBytes, boolean chunked, AtomicLong sent) {
    byte[] spaces = new byte[CHUNK];
    java.util.Arrays.fill(spaces, (byte) ' ');
    try {
      while (sent.get() < bodyBytes && !Thread.currentThread().isInterrupted()) {
        int n = (int) Math.min(CHUNK, bodyBytes - sent.get());
        if (chunked) {
          out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.write(spaces, 0, n);
        if (chunked) {
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        sent.addAndGet(n);
      }
      if (chunked && !Thread.currentThread().isInterrupted()) {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.flush();
    } catch (IOException e) {
      // the server stopped reading and closed: what a size limit does
    }
  }
}
