package dev.ec2migrator.demo.ec2;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * MaxResults/NextToken paging. The token names the sequence number of the last item returned, so
 * pages stay consistent while items are added or deleted.
 */
final class Paginator {
  record Page<T>(List<T> items, String nextToken) {}

  private Paginator() {}

  static void checkMaxResults(Integer maxResults, int min, int max) {
    if (maxResults != null && (maxResults < min || maxResults > max)) {
      throw Ec2Exception.invalidParameterValue(
          "Value ( "
              + maxResults
              + " ) for parameter maxResults is invalid. Expecting a value"
              + " between "
              + min
              + " and "
              + max
              + ".");
    }
  }

  /** {@code items} must be in ascending {@code seq} order. */
  static <T> Page<T> page(
      List<T> items, ToLongFunction<T> seq, Integer maxResults, String nextToken) {
    long after = nextToken == null || nextToken.isEmpty() ? Long.MIN_VALUE : decode(nextToken);
    int limit = maxResults == null ? Integer.MAX_VALUE : maxResults;
    List<T> page = new ArrayList<>();
    boolean more = false;
    for (T item : items) {
      if (seq.applyAsLong(item) <= after) {
        continue;
      }
      if (page.size() == limit) {
        more = true;
        break;
      }
      page.add(item);
    }
    String token = more ? encode(seq.applyAsLong(page.get(page.size() - 1))) : null;
    return new Page<>(page, token);
  }

  /**
   * Writes one page of {@code items} (ascending {@code seq}) as a Describe* answer: the set element
   * with one item each, then the nextToken of the next page if there is one.
   */
  static <T> void write(
      List<T> items,
      ToLongFunction<T> seq,
      Integer maxResults,
      String nextToken,
      String setElement,
      XmlWriter out,
      Consumer<T> item) {
    Page<T> page = page(items, seq, maxResults, nextToken);
    out.start(setElement);
    page.items().forEach(item);
    out.end(setElement);
    out.element("nextToken", page.nextToken());
  }

  private static String encode(long seq) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("after:" + seq).getBytes(StandardCharsets.UTF_8));
  }

  private static long decode(String token) {
    try {
      String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (!s.startsWith("after:")) {
        throw new IllegalArgumentException();
      }
      return Long.parseLong(s.substring(6));
    } catch (IllegalArgumentException e) {
      throw new Ec2Exception("InvalidPaginationToken", "The token '" + token + "' is invalid.");
    }
  }
}
