package dev.tracegen.llm;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpClientBuilderLoader;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The HTTP client every provider uses: LangChain4j's JDK client, except that a non-2xx answer
 * keeps its {@code Retry-After} header ({@link StatusException}), which LangChain4j's own client
 * drops. HTTP/1.1 with a connection pool, so many requests can be in flight at once.
 */
final class HttpTransport implements HttpClient {
  private final java.net.http.HttpClient http;
  private final Duration readTimeout;
  private final HttpClient streaming;

  private HttpTransport(Builder b) {
    java.net.http.HttpClient.Builder hb = java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_1_1);
    if (b.connectTimeout != null) {
      hb.connectTimeout(b.connectTimeout);
    }
    this.http = hb.build();
    this.readTimeout = b.readTimeout;
    HttpClientBuilder jdk = HttpClientBuilderLoader.loadHttpClientBuilder();
    if (b.connectTimeout != null) {
      jdk.connectTimeout(b.connectTimeout);
    }
    if (b.readTimeout != null) {
      jdk.readTimeout(b.readTimeout);
    }
    this.streaming = jdk.build();
  }

  static Builder builder() {
    return new Builder();
  }

  /** A non-2xx answer with what the server said about when to come back. */
  static final class StatusException extends HttpException {
    private final long retryAfterMillis;

    StatusException(int status, String body, long retryAfterMillis) {
      super(status, body);
      this.retryAfterMillis = retryAfterMillis;
    }

    /** Milliseconds the server asked us to wait, or -1 when it did not say. */
    long retryAfterMillis() {
      return retryAfterMillis;
    }
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    if (!request.formDataFiles().isEmpty() || !request.formDataFields().isEmpty()) {
      return streaming.execute(request);
    }
    java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
    request.headers().forEach((name, values) -> values.forEach(v -> b.header(name, v)));
    String body = request.body();
    b.method(request.method().name(), body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
        : java.net.http.HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (readTimeout != null) {
      b.timeout(readTimeout);
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new TimeoutException("no answer within " + readTimeout.toSeconds() + " s", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the model", e);
    }
    int status = response.statusCode();
    if (status < 200 || status >= 300) {
      throw new StatusException(status, new String(response.body(), StandardCharsets.UTF_8),
          retryAfterMillis(response.headers().firstValue("retry-after-ms"),
              response.headers().firstValue("retry-after")));
    }
    return SuccessfulHttpResponse.builder()
        .statusCode(status)
        .headers(response.headers().map())
        .body(response.body())
        .build();
  }

  @Override
  public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    streaming.execute(request, parser, listener);
  }

  /** {@code retry-after-ms} (OpenAI) or {@code Retry-After} in seconds or as an HTTP date; -1 when absent. */
  static long retryAfterMillis(Optional<String> millis, Optional<String> retryAfter) {
    try {
      if (millis.isPresent()) {
        return Math.max(0, (long) Double.parseDouble(millis.get().strip()));
      }
      if (retryAfter.isPresent()) {
        String v = retryAfter.get().strip();
        if (v.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
          return Math.max(0, (long) (Double.parseDouble(v) * 1000));
        }
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        return Math.max(0, Duration.between(ZonedDateTime.now(at.getZone()), at).toMillis());
      }
    } catch (RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** Builds {@link HttpTransport}s for LangChain4j model builders. */
  static final class Builder implements HttpClientBuilder {
    private Duration connectTimeout;
    private Duration readTimeout;

    @Override
    public Duration connectTimeout() {
      return connectTimeout;
    }

    @Override
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    @Override
    public Duration readTimeout() {
      return readTimeout;
    }

    @Override
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout;
      return this;
    }

    @Override
    public HttpClient build() {
      return new HttpTransport(this);
    }
  }
}
