package dev.ec2migrator.image;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** The image beans: the preflight check of what RegisterImage can reproduce. */
public class ImageConfiguration implements CamelConfiguration {

  @BindToRegistry
  public ImageSourceCheck imageSourceCheck() {
    return new ImageSourceCheck();
  }
}
