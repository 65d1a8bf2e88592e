package dev.ec2migrator.demo.ec2;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** EC2's Malformed / NotFound answers for explicit resource ids. */
final class IdChecks {
  private IdChecks() {}

  static void wellFormed(Collection<String> ids, Pattern pattern, String malformedCode) {
    for (String id : ids) {
      if (!pattern.matcher(id).matches()) {
        throw new Ec2Exception(malformedCode, "Invalid id: \"" + id + "\"");
      }
    }
  }

  /** EC2 names every missing id in one message. */
  static void allExist(
      Collection<String> ids, Predicate<String> exists, String notFoundCode, String noun) {
    List<String> missing = new ArrayList<>();
    for (String id : ids) {
      if (!exists.test(id)) {
        missing.add(id);
      }
    }
    if (missing.size() == 1) {
      throw new Ec2Exception(
          notFoundCode, "The " + noun + " ID '" + missing.get(0) + "' does not exist");
    }
    if (!missing.isEmpty()) {
      throw new Ec2Exception(
          notFoundCode, "The " + noun + " IDs '" + String.join(", ", missing) + "' do not exist");
    }
  }
}
