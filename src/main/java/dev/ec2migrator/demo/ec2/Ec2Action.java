package dev.ec2migrator.demo.ec2;

import java.util.Map;
import java.util.Set;

/** One EC2 action: the top-level parameters it accepts and what it does. */
record Ec2Action(String name, Set<String> parameters, Handler handler) {
  /**
   * An action whose checks and changes are atomic in its region (it holds the region's monitor).
   */
  static Ec2Action locked(String name, Set<String> parameters, Handler handler) {
    return new Ec2Action(
        name,
        parameters,
        (req, ctx, out) -> {
          synchronized (ctx.region()) {
            handler.handle(req, ctx, out);
          }
        });
  }

  /** Adds a {@link #locked} action to the table. */
  static void putLocked(
      Map<String, Ec2Action> actions, String name, Set<String> parameters, Handler handler) {
    actions.put(name, locked(name, parameters, handler));
  }

  interface Handler {
    /** Writes the response body (inside XxxResponse) or throws {@link Ec2Exception}. */
    void handle(QueryRequest request, CallContext ctx, XmlWriter out);
  }
}
