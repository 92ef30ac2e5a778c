package dev.errorbridge.samples;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

/**
 * The stack as {@link AlertingApp} synthesises it. Synthesis starts the jsii runtime and takes
 * seconds, so it happens once per test JVM however many test classes ask.
 */
final class SynthesizedStack {
  private static Template template;
  private static JsonNode json;

  private SynthesizedStack() {}

  static synchronized Template template() {
    if (template == null) {
      App app = new App();
      template =
          Template.fromStack(
              new AlertingRulesStack(app, AlertingApp.STACK_NAME, AlertingApp.stackProps()));
      json = SampleFiles.JSON.valueToTree(template.toJSON());
    }
    return template;
  }

  /** The template as a JSON tree. */
  static synchronized JsonNode json() {
    template();
    return json;
  }

  /** The resource with this logical id. */
  static JsonNode resource(String logicalId) {
    JsonNode resource = json().at("/Resources/" + logicalId);
    if (resource.isMissingNode()) {
      throw new AssertionError("no resource " + logicalId + " in the template");
    }
    return resource;
  }

  /** The only resource of {@code type}. */
  static JsonNode onlyResource(String type) {
    JsonNode found = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = json().get("Resources").fields();
        it.hasNext(); ) {
      JsonNode resource = it.next().getValue();
      if (type.equals(resource.get("Type").textValue())) {
        if (found != null) {
          throw new AssertionError("more than one " + type);
        }
        found = resource;
      }
    }
    if (found == null) {
      throw new AssertionError("no " + type + " in the template");
    }
    return found;
  }

  /** The logical id of the only resource of {@code type}. */
  static String onlyLogicalId(String type) {
    String found = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = json().get("Resources").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> resource = it.next();
      if (type.equals(resource.getValue().get("Type").textValue())) {
        found = resource.getKey();
      }
    }
    return found;
  }

  /**
   * A CloudFormation value as text: {@code Fn::Join} joined, {@code Ref} as {@code ${Name}} and
   * {@code Fn::GetAtt} as {@code ${Name.Attribute}}, so that templates and policy documents built
   * from parameters can be read (and parsed) as the text CloudFormation will produce.
   */
  static String text(JsonNode value) {
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.has("Ref")) {
      return "${" + value.get("Ref").textValue() + "}";
    }
    if (value.has("Fn::GetAtt")) {
      JsonNode getAtt = value.get("Fn::GetAtt");
      return "${" + getAtt.get(0).textValue() + "." + getAtt.get(1).textValue() + "}";
    }
    if (value.has("Fn::Join")) {
      JsonNode join = value.get("Fn::Join");
      StringBuilder text = new StringBuilder();
      for (JsonNode part : join.get(1)) {
        if (text.length() > 0 && !join.get(0).textValue().isEmpty()) {
          text.append(join.get(0).textValue());
        }
        text.append(text(part));
      }
      return text.toString();
    }
    throw new AssertionError("not a value this test can read: " + value);
  }
}
