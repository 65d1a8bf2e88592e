package dev.ec2migrator.input;

import dev.ec2migrator.run.BadInputReport;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/** How a list comes in: read within its size limit, the inbox's folders guarded. */
public class InputBeans implements CamelConfiguration {

  @BindToRegistry("listFileReader")
  public ListFileReader listFileReader(@PropertyInject("migrator.input.max-bytes") long maxBytes) {
    return new ListFileReader(maxBytes);
  }

  @BindToRegistry("inboxGuard")
  public InboxGuard inboxGuard(BadInputReport reports) {
    return new InboxGuard(reports);
  }
}
