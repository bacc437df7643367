package dev.tracegen.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;

/**
 * Sorts a failed call into: retry it (429, 5xx, timeouts, I/O, unreadable answers), reject only
 * this element (content filtered), or stop the run (400/401/403/404 and configuration errors),
 * with a message that says what to check. Messages never contain the API key.
 */
final class LlmErrors {
  private LlmErrors() {}

  enum Kind { RETRY, ELEMENT, FATAL }

  /** What to do about one failure. {@code retryAfterMillis} is -1 unless the server said. */
  record Failure(Kind kind, String reason, String message, long retryAfterMillis) {}

  static Failure classify(Throwable error, LlmSettings s, String secret) {
    Failure f = classifyRaw(error, s);
    return new Failure(f.kind(), f.reason(), Secrets.scrubOrEmpty(f.message(), secret), f.retryAfterMillis());
  }

  private static Failure classifyRaw(Throwable error, LlmSettings s) {
    HttpException http = find(error, HttpException.class);
    if (http != null) {
      long retryAfter = http instanceof HttpTransport.StatusException se ? se.retryAfterMillis() : -1;
      return byStatus(http.statusCode(), snippet(http.getMessage()), retryAfter, s);
    }
    String where = endpoint(s);
    if (find(error, AuthenticationException.class) != null) {
      return fatal(where + " refused the request as unauthorised: " + keyHint(s));
    }
    if (find(error, ModelNotFoundException.class) != null) {
      return fatal(where + " does not know model '" + s.model() + "': check --model and --baseUrl");
    }
    if (find(error, InvalidRequestException.class) != null) {
      return fatal(where + " refused the request as invalid: " + snippet(rootMessage(error))
          + "; check --model, --maxTokens and --temperature against what the provider accepts");
    }
    if (find(error, UnresolvedModelServerException.class) != null) {
      return fatal("cannot resolve the host of " + where + ": check --baseUrl");
    }
    if (find(error, UnsupportedFeatureException.class) != null) {
      return fatal(s.provider() + " does not support a feature tracegen asked for: " + snippet(rootMessage(error)));
    }
    if (find(error, ContentFilteredException.class) != null) {
      return new Failure(Kind.ELEMENT, "content_filtered", where + " filtered the answer: "
          + snippet(rootMessage(error)), -1);
    }
    if (find(error, TimeoutException.class) != null || find(error, HttpTimeoutException.class) != null) {
      return retry("no answer from " + where + " within " + s.timeoutSeconds() + " s (--requestTimeout)", -1);
    }
    if (find(error, RetriableException.class) != null) {
      return retry(where + ": " + snippet(rootMessage(error)), -1);
    }
    if (find(error, JsonProcessingException.class) != null) {
      return retry(where + " sent an answer that is not valid JSON: " + snippet(rootMessage(error)), -1);
    }
    if (find(error, IOException.class) != null || find(error, UncheckedIOException.class) != null) {
      return retry("cannot talk to " + where + ": " + snippet(rootMessage(error)), -1);
    }
    if (error instanceof LangChain4jException || !s.isEmbedded()) {
      // An answer the client library could not use (e.g. JSON without the expected fields).
      return retry(where + " sent an unusable answer: " + snippet(rootMessage(error)), -1);
    }
    return null;
  }

  /**
   * Whether a failure is an HTTP 400 whose body names the response format (e.g. "response_format
   * json_schema is not supported", Gemini's "response_schema", Ollama's "invalid format ... JSON
   * schema"): a server that cannot follow the format asked, not a bad request otherwise.
   */
  static boolean refusesResponseFormat(Throwable error) {
    HttpException http = find(error, HttpException.class);
    if (http == null || http.statusCode() != 400 || http.getMessage() == null) {
      return false;
    }
    String body = http.getMessage().toLowerCase(java.util.Locale.ROOT);
    return body.contains("response_format") || body.contains("schema") || body.contains("json_object");
  }

  /** What the server said when it refused a request: HTTP status and a snippet of the body. */
  static String refusal(Throwable error) {
    HttpException http = find(error, HttpException.class);
    return http == null ? snippet(rootMessage(error)) : "HTTP " + http.statusCode() + ": " + snippet(http.getMessage());
  }

  static Failure byStatus(int status, String body, long retryAfter, LlmSettings s) {
    String where = endpoint(s);
    if (status == 401 || status == 403) {
      return fatal(where + " answered HTTP " + status + ": " + keyHint(s));
    }
    if (status == 404) {
      return fatal(where + " answered HTTP 404 for model '" + s.model() + "': check --model and --baseUrl"
          + (s.provider().equals("openai") ? " (an OpenAI-compatible base URL usually ends in /v1)" : "")
          + "; server said: " + body);
    }
    if (status == 408 || status == 409 || status == 425 || status == 429 || status >= 500) {
      return retry(where + " answered HTTP " + status + (body.isEmpty() ? "" : ": " + body), retryAfter);
    }
    if (status >= 400) {
      return fatal(where + " refused the request with HTTP " + status + ": " + body
          + "; check --model, --maxTokens and --temperature against what the provider accepts");
    }
    return retry(where + " answered HTTP " + status, retryAfter);
  }

  private static String keyHint(LlmSettings s) {
    if (s.apiKeyEnv().isBlank()) {
      return "no API key was sent; pass --apiKeyEnv (or --judgeApiKeyEnv) with the NAME of the environment variable "
          + "that holds the key";
    }
    return "check the API key in environment variable " + s.apiKeyEnv()
        + " (named by --apiKeyEnv or --judgeApiKeyEnv) and that it may use model '" + s.model() + "'";
  }

  static String endpoint(LlmSettings s) {
    return s.provider() + " endpoint" + (s.baseUrl().isBlank() ? "" : " " + s.baseUrl());
  }

  private static Failure fatal(String message) {
    return new Failure(Kind.FATAL, "llm_fatal", message, -1);
  }

  private static Failure retry(String message, long retryAfter) {
    return new Failure(Kind.RETRY, "llm_unavailable", message, retryAfter);
  }

  static <T extends Throwable> T find(Throwable error, Class<T> type) {
    Throwable t = error;
    for (int depth = 0; t != null && depth < 20; depth++) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      t = t.getCause() == t ? null : t.getCause();
    }
    return null;
  }

  private static String rootMessage(Throwable error) {
    Throwable t = error;
    String message = null;
    for (int depth = 0; t != null && depth < 20; depth++) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getClass().getSimpleName() + ": " + t.getMessage();
      }
      t = t.getCause() == t ? null : t.getCause();
    }
    return message == null ? error.getClass().getSimpleName() : message;
  }

  /** At most 300 characters of a message or response body, on one line. */
  static String snippet(String text) {
    if (text == null) {
      return "";
    }
    String one = text.replaceAll("\\s+", " ").strip();
    return one.length() <= 300 ? one : one.substring(0, 300) + "...";
  }
}
