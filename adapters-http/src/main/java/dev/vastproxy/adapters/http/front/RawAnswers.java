package dev.vastproxy.adapters.http.front;

import java.nio.charset.StandardCharsets;

/** Whole HTTP/1.1 answers, written straight to a socket before Undertow has a request to answer. */
final class RawAnswers {
  private static final byte[] VERSION_NOT_SUPPORTED =
      answer(
          "505 HTTP Version Not Supported",
          OpenAiErrors.body(
              "HTTP version not supported: use HTTP/1.1 or HTTP/1.0",
              "invalid_request_error",
              "http_version_not_supported"));

  private static final byte[] MALFORMED_CHUNKS =
      answer(
          "400 Bad Request",
          OpenAiErrors.body(
              "malformed chunked body: each chunk is a hex size line, its data, then CRLF",
              "invalid_request_error",
              "invalid_body"));

  private RawAnswers() {}

  /**
   * 505 for a request line naming an HTTP version other than 1.0 or 1.1 (a copy: arrays change).
   */
  static byte[] versionNotSupported() {
    return VERSION_NOT_SUPPORTED.clone();
  }

  /** 431 for a request head over the limit; the connection is closed after it. */
  static byte[] headersTooLarge(int maxHeadBytes) {
    return answer(
        "431 Request Header Fields Too Large",
        OpenAiErrors.body(
            "request headers too large: send at most "
                + maxHeadBytes
                + " bytes of request line and headers",
            "invalid_request_error",
            "request_header_fields_too_large"));
  }

  /** 431 for a chunked body's trailers over the limit; the connection is closed after it. */
  static byte[] trailersTooLarge(int maxTrailerBytes) {
    return answer(
        "431 Request Header Fields Too Large",
        OpenAiErrors.body(
            "request trailers too large: send at most " + maxTrailerBytes + " bytes of trailers",
            "invalid_request_error",
            "request_header_fields_too_large"));
  }

  /** 400 for a chunked body whose framing breaks RFC 9112; the connection is closed after it. */
  static byte[] malformedChunks() {
    return MALFORMED_CHUNKS.clone();
  }

  private static byte[] answer(String status, byte[] body) {
    String head =
        "HTTP/1.1 "
            + status
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    byte[] whole = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, whole, 0, headBytes.length);
    System.arraycopy(body, 0, whole, headBytes.length, body.length);
    return whole;
  }
}
