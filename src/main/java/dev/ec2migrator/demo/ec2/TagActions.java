package dev.ec2migrator.demo.ec2;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** CreateTags and DeleteTags on instances, volumes, snapshots and images. */
final class TagActions {
  private TagActions() {}

  static void register(Map<String, Ec2Action> actions) {
    actions.put(
        "CreateTags",
        new Ec2Action("CreateTags", Set.of("ResourceId", "Tag"), TagActions::createTags));
    actions.put(
        "DeleteTags",
        new Ec2Action("DeleteTags", Set.of("ResourceId", "Tag"), TagActions::deleteTags));
  }

  /** A tag named with a value goes only if its value matches; with no tags, every tag goes. */
  static void deleteTags(QueryRequest req, CallContext ctx, XmlWriter out) {
    List<String> resources = resourceIds(req);
    List<QueryRequest> named = req.members("Tag");
    RegionState region = ctx.region();
    synchronized (region) {
      requireAll(region, resources);
      for (String id : resources) {
        Map<String, String> kept = new java.util.LinkedHashMap<>(region.tags(id));
        if (named.isEmpty()) {
          kept.clear();
        }
        for (QueryRequest tag : named) {
          String key = tag.get("Key");
          if (key == null) {
            throw Ec2Exception.missingParameter("Tag.N.Key");
          }
          String value = tag.get("Value");
          if (value == null || value.equals(kept.get(key))) {
            kept.remove(key);
          }
        }
        region.dropTags(id);
        if (!kept.isEmpty()) {
          region.putTags(id, kept);
        }
      }
    }
    out.element("return", true);
  }

  static void createTags(QueryRequest req, CallContext ctx, XmlWriter out) {
    List<String> resources = resourceIds(req);
    Map<String, String> tags = req.tags("Tag");
    if (tags.isEmpty()) {
      throw Ec2Exception.missingParameter("Tag.1.Key");
    }
    TagRules.checkValues(tags);
    RegionState region = ctx.region();
    synchronized (region) {
      requireAll(region, resources);
      for (String id : resources) {
        Map<String, String> merged = new java.util.HashMap<>(region.tags(id));
        merged.putAll(tags);
        TagRules.checkCount(merged.size());
      }
      resources.forEach(id -> region.putTags(id, tags));
    }
    out.element("return", true);
  }

  private static List<String> resourceIds(QueryRequest req) {
    List<String> resources = req.strings("ResourceId");
    if (resources.isEmpty()) {
      throw Ec2Exception.missingParameter("ResourceId.1");
    }
    return resources;
  }

  /** Nothing is tagged or untagged unless every resource named exists. */
  private static void requireAll(RegionState region, List<String> resources) {
    for (String id : resources) {
      if (!region.exists(id)) {
        throw notFound(id);
      }
    }
  }

  private static Ec2Exception notFound(String id) {
    String prefix = id.contains("-") ? id.substring(0, id.indexOf('-')) : "";
    return switch (prefix) {
      case "i" -> Ec2Exception.instanceNotFound(id);
      case "vol" -> Ec2Exception.volumeNotFound(id);
      case "snap" -> Ec2Exception.snapshotNotFound(id);
      case "ami" -> Ec2Exception.imageNotFound(id);
      default -> new Ec2Exception("InvalidID", "The ID '" + id + "' is not valid");
    };
  }
}
