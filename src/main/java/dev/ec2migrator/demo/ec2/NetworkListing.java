package dev.ec2migrator.demo.ec2;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * How every network Describe* call answers: ids that must exist, filters (tag filters for all
 * kinds, the rest per kind), pagination in creation order and one set element of items.
 */
final class NetworkListing {
  private static final Set<String> DESCRIBE = Set.of("Filter", "MaxResults", "NextToken");

  private NetworkListing() {}

  /** The parameters of a Describe* call that also takes ids in {@code idParam}. */
  static Set<String> describe(String idParam) {
    Set<String> s = new java.util.HashSet<>(DESCRIBE);
    s.add(idParam);
    return Set.copyOf(s);
  }

  /** How one Describe* call lists one kind of resource. */
  record Listing<T>(
      String idParam,
      String notFoundCode,
      String noun,
      Function<T, String> id,
      ToLongFunction<T> seq,
      BiPredicate<FilterSpec, T> matcher,
      String setElement,
      int maxResults) {}

  interface Writer<T> {
    void write(T item, String element, CallContext ctx, XmlWriter out);
  }

  static <T> void list(
      QueryRequest req,
      CallContext ctx,
      XmlWriter out,
      Listing<T> how,
      Function<NetworkState, Collection<T>> items,
      Writer<T> writer) {
    List<String> ids = req.strings(how.idParam());
    Integer maxResults = req.integer("MaxResults");
    Paginator.checkMaxResults(maxResults, 5, how.maxResults());
    List<FilterSpec> filters = req.filters();
    RegionState region = ctx.region();
    synchronized (region) {
      Collection<T> all = items.apply(region.network);
      Set<String> known = new java.util.HashSet<>();
      all.forEach(t -> known.add(how.id().apply(t)));
      IdChecks.allExist(ids, known::contains, how.notFoundCode(), how.noun());
      List<T> matching =
          FilterSpec.select(
              all,
              ids,
              how.id(),
              filters,
              (f, t) ->
                  f.isTagFilter()
                      ? f.matchesTags(region.tags(how.id().apply(t)))
                      : how.matcher().test(f, t));
      Paginator.write(
          matching,
          how.seq(),
          maxResults,
          req.get("NextToken"),
          how.setElement(),
          out,
          t -> writer.write(t, "item", ctx, out));
    }
  }
}
