package io.tessera.service.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Refuses request bodies over the limit with 413 problem+json: at once, without reading a byte of
 * the body, when the declared {@code Content-Length} says so; else (chunked bodies) as soon as
 * reading passes the limit ({@link BodyTooLargeException}, which {@link BodyTooLargeAdvice}
 * answers). So no oversized body is ever held in memory, and a 24 MB push costs milliseconds, not a
 * heap.
 *
 * <p>The early answer closes the connection: the client may still be sending, and the server will
 * not read the rest (Tomcat drains at most {@code server.tomcat.max-swallow-size}).
 */
public final class BodySizeLimitFilter extends OncePerRequestFilter {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final long limitBytes;

  public BodySizeLimitFilter(long limitBytes) {
    if (limitBytes < 1) {
      throw new IllegalArgumentException("the body limit must be positive, was " + limitBytes);
    }
    this.limitBytes = limitBytes;
  }

  public long limitBytes() {
    return limitBytes;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    if (declared > limitBytes) {
      response.setHeader(HttpHeaders.CONNECTION, "close");
      writeProblem(
          response,
          request,
          "the body has " + declared + " bytes; the limit is " + limitBytes + " bytes");
      return;
    }
    chain.doFilter(new Limited(request, limitBytes), response);
  }

  private static void writeProblem(
      HttpServletResponse response, HttpServletRequest request, String detail) throws IOException {
    HttpStatus status = HttpStatus.CONTENT_TOO_LARGE;
    ObjectNode body = JSON.createObjectNode();
    body.put("type", "about:blank");
    body.put("title", status.getReasonPhrase());
    body.put("status", status.value());
    body.put("detail", detail);
    body.put("instance", request.getRequestURI());
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(JSON.writeValueAsString(body));
  }

  /** A request whose body stream fails once more than the limit is read. */
  private static final class Limited extends HttpServletRequestWrapper {
    private final long limitBytes;
    private ServletInputStream stream;

    Limited(HttpServletRequest request, long limitBytes) {
      super(request);
      this.limitBytes = limitBytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new LimitedStream(super.getInputStream(), limitBytes);
      }
      return stream;
    }
  }

  private static final class LimitedStream extends ServletInputStream {
    private final ServletInputStream in;
    private final long limitBytes;
    private long read;

    LimitedStream(ServletInputStream in, long limitBytes) {
      this.in = in;
      this.limitBytes = limitBytes;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      count(b < 0 ? 0 : 1);
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      count(Math.max(n, 0));
      return n;
    }

    private void count(int n) throws BodyTooLargeException {
      read += n;
      if (read > limitBytes) {
        throw new BodyTooLargeException(limitBytes);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
