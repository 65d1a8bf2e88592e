package dev.ec2migrator.output;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** The run's results CSV rows (route write-results). */
public class OutputBeans implements CamelConfiguration {

  @BindToRegistry("resultRows")
  public ResultRows resultRows() {
    return new ResultRows();
  }
}
