package dev.errorbridge.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awscdk.assertions.Template;

/**
 * A synthesised template as plain maps, with CloudFormation references rendered readably: {@code
 * {"Ref": id}} becomes {@code ${State/Table}} and {@code {"Fn::GetAtt": [id, "Arn"]}} becomes
 * {@code ${State/Table.Arn}} (construct paths, not hashed logical ids), {@code Fn::Join} is joined,
 * and pseudo parameters stay {@code ${AWS::Partition}}.
 */
final class StackJson {

  private final Map<String, Map<String, Object>> resources;
  private final Map<String, String> paths = new TreeMap<>();

  @SuppressWarnings("unchecked")
  StackJson(Template template) {
    Map<String, Object> json = template.toJSON();
    this.resources = (Map<String, Map<String, Object>>) json.get("Resources");
    resources.forEach(
        (id, resource) -> {
          Map<String, Object> metadata =
              (Map<String, Object>) resource.getOrDefault("Metadata", Map.of());
          String path = (String) metadata.get("aws:cdk:path");
          if (path != null) {
            paths.put(id, shortPath(path));
          }
        });
  }

  private static String shortPath(String path) {
    String withoutStack = path.substring(path.indexOf('/') + 1);
    return withoutStack.endsWith("/Resource")
        ? withoutStack.substring(0, withoutStack.length() - "/Resource".length())
        : withoutStack;
  }

  /** Resources of one type, by construct path. */
  @SuppressWarnings("unchecked")
  Map<String, Map<String, Object>> properties(String type) {
    Map<String, Map<String, Object>> byPath = new TreeMap<>();
    resources.forEach(
        (id, resource) -> {
          if (type.equals(resource.get("Type"))) {
            byPath.put(
                paths.getOrDefault(id, id),
                (Map<String, Object>) resource.getOrDefault("Properties", Map.of()));
          }
        });
    return byPath;
  }

  /** How many resources of each type, sorted by type. */
  Map<String, Long> typeCounts() {
    return resources.values().stream()
        .collect(
            Collectors.groupingBy(
                resource -> (String) resource.get("Type"), TreeMap::new, Collectors.counting()));
  }

  /** The whole resource (type, properties, policies) by construct path. */
  Map<String, Object> resource(String path) {
    return paths.entrySet().stream()
        .filter(entry -> entry.getValue().equals(path))
        .map(entry -> resources.get(entry.getKey()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no resource at " + path + " in " + paths.values()));
  }

  /** The properties of the resource at a construct path. */
  @SuppressWarnings("unchecked")
  Map<String, Object> propertiesAt(String path) {
    return (Map<String, Object>) resource(path).getOrDefault("Properties", Map.of());
  }

  /** A value with its references rendered (see the class comment). */
  @SuppressWarnings("unchecked")
  Object render(Object value) {
    if (value instanceof Map<?, ?> map && map.size() == 1) {
      Map<String, Object> single = (Map<String, Object>) map;
      if (single.containsKey("Ref")) {
        String id = (String) single.get("Ref");
        return "${" + paths.getOrDefault(id, id) + "}";
      }
      if (single.containsKey("Fn::GetAtt")) {
        List<Object> getAtt = (List<Object>) single.get("Fn::GetAtt");
        String id = (String) getAtt.get(0);
        return "${" + paths.getOrDefault(id, id) + "." + getAtt.get(1) + "}";
      }
      if (single.containsKey("Fn::Join")) {
        List<Object> join = (List<Object>) single.get("Fn::Join");
        return ((List<Object>) join.get(1))
            .stream()
                .map(part -> String.valueOf(render(part)))
                .collect(Collectors.joining((String) join.get(0)));
      }
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> rendered = new TreeMap<>();
      map.forEach((key, item) -> rendered.put(String.valueOf(key), render(item)));
      return rendered;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(this::render).toList();
    }
    return value;
  }

  /**
   * Every statement of every policy in the template (identity policies, the key policy, queue and
   * topic policies, trust policies), rendered, each with where it came from.
   */
  @SuppressWarnings("unchecked")
  List<Statement> allStatements() {
    List<Statement> statements = new ArrayList<>();
    resources.forEach(
        (id, resource) -> {
          Map<String, Object> properties =
              (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
          for (String document :
              List.of("PolicyDocument", "KeyPolicy", "AssumeRolePolicyDocument")) {
            if (properties.get(document) instanceof Map<?, ?> policy) {
              for (Object statement : (List<Object>) policy.get("Statement")) {
                statements.add(
                    Statement.of(
                        paths.getOrDefault(id, id), (Map<String, Object>) render(statement)));
              }
            }
          }
        });
    return statements;
  }

  /**
   * The identity-policy statements attached to a role, flattened to one line per action and
   * resource: {@code "action on resource"}, plus {@code " if {conditions}"} when there are any.
   */
  @SuppressWarnings("unchecked")
  List<String> rolePermissions(String rolePath) {
    List<String> lines = new ArrayList<>();
    String roleRef = "${" + rolePath + "}";
    properties("AWS::IAM::Policy")
        .forEach(
            (path, properties) -> {
              List<Object> roles = (List<Object>) render(properties.get("Roles"));
              if (roles.contains(roleRef)) {
                Map<String, Object> document =
                    (Map<String, Object>) render(properties.get("PolicyDocument"));
                for (Object statement : (List<Object>) document.get("Statement")) {
                  lines.addAll(Statement.of(path, (Map<String, Object>) statement).lines());
                }
              }
            });
    return lines;
  }

  /**
   * One policy statement, rendered.
   *
   * @param source the construct path of the resource holding it
   * @param sid its Sid, or {@code null}
   * @param effect Allow or Deny
   * @param actions its actions
   * @param resources its resources ({@code ["*"]} in key policies)
   * @param principal its principal, or {@code null}
   * @param conditions its conditions, possibly empty
   */
  record Statement(
      String source,
      String sid,
      String effect,
      List<String> actions,
      List<String> resources,
      Object principal,
      Map<String, Object> conditions) {

    @SuppressWarnings("unchecked")
    static Statement of(String source, Map<String, Object> statement) {
      return new Statement(
          source,
          (String) statement.get("Sid"),
          (String) statement.get("Effect"),
          strings(statement.get("Action")),
          strings(statement.getOrDefault("Resource", List.of())),
          statement.get("Principal"),
          new LinkedHashMap<>((Map<String, Object>) statement.getOrDefault("Condition", Map.of())));
    }

    private static List<String> strings(Object value) {
      return value instanceof List<?> list
          ? list.stream().map(String::valueOf).toList()
          : List.of(String.valueOf(value));
    }

    List<String> lines() {
      List<String> lines = new ArrayList<>();
      for (String action : actions) {
        for (String resource : resources) {
          lines.add(action + " on " + resource + (conditions.isEmpty() ? "" : " if " + conditions));
        }
      }
      return lines;
    }
  }
}
