package dev.tracegen.serve;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of a {@code multipart/form-data} body, by field name (what a file upload sends). */
final class Multipart {
  /** One part: its file name (null for a plain field) and its bytes. */
  record Part(String filename, byte[] content) {
    String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  private static final Pattern BOUNDARY = Pattern.compile("boundary=(\"?)([^\";]+)\\1");
  private static final Pattern NAME = Pattern.compile("[; ]name=\"([^\"]*)\"");
  private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");

  private Multipart() {}

  /** The boundary named by a Content-Type header, or null when it names none. */
  static String boundary(String contentType) {
    if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
      return null;
    }
    Matcher m = BOUNDARY.matcher(contentType);
    return m.find() ? m.group(2) : null;
  }

  /** Parses {@code body}; throws IllegalArgumentException when it is not well formed. */
  static Map<String, Part> parse(byte[] body, String boundary) {
    // ISO-8859-1 maps every byte to one char, so positions in the string are positions in the bytes.
    String s = new String(body, StandardCharsets.ISO_8859_1);
    String delimiter = "--" + boundary;
    Map<String, Part> parts = new HashMap<>();
    int at = s.indexOf(delimiter);
    if (at < 0) {
      throw new IllegalArgumentException("the multipart body has no boundary line");
    }
    while (true) {
      int lineEnd = s.indexOf("\r\n", at);
      if (s.startsWith(delimiter + "--", at) || lineEnd < 0) {
        return parts;
      }
      int headersEnd = s.indexOf("\r\n\r\n", lineEnd);
      if (headersEnd < 0) {
        throw new IllegalArgumentException("a multipart part has no end of headers");
      }
      String headers = s.substring(lineEnd + 2, headersEnd);
      int next = s.indexOf("\r\n" + delimiter, headersEnd + 4);
      if (next < 0) {
        throw new IllegalArgumentException("a multipart part is not closed");
      }
      Matcher name = NAME.matcher(headers);
      if (name.find()) {
        Matcher file = FILENAME.matcher(headers);
        byte[] content = s.substring(headersEnd + 4, next).getBytes(StandardCharsets.ISO_8859_1);
        parts.put(name.group(1), new Part(file.find() ? file.group(1) : null, content));
      }
      at = next + 2;
    }
  }
}
