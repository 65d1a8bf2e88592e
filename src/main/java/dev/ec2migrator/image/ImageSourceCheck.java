package dev.ec2migrator.image;

import dev.ec2migrator.model.InstanceMigration;
import dev.ec2migrator.preflight.PreflightCheck;
import java.util.List;

/** Preflight: platform, billing product and product codes RegisterImage cannot reproduce. */
public class ImageSourceCheck implements PreflightCheck {

  @Override
  public String name() {
    return "image-source";
  }

  @Override
  public List<String> findings(InstanceMigration migration) {
    return migration.source() == null ? List.of() : ImageSourceRules.refusals(migration.source());
  }
}
