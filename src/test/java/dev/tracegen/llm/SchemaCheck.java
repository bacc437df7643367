package dev.tracegen.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A small structural validator of JSON against a LangChain4j schema (the subset the step schemas
 * use): types, required properties, no undeclared properties where {@code additionalProperties}
 * is false, enum values.
 */
public final class SchemaCheck {
  private SchemaCheck() {}

  /** What in {@code value} does not fit {@code schema}; empty when it fits. */
  public static List<String> problems(JsonSchemaElement schema, JsonNode value) {
    List<String> out = new ArrayList<>();
    check(schema, value, "$", out);
    return out;
  }

  /** Every property name the schema declares, at any depth. */
  public static List<String> propertyNames(JsonSchemaElement schema) {
    List<String> out = new ArrayList<>();
    if (schema instanceof JsonObjectSchema o) {
      o.properties().forEach((name, child) -> {
        out.add(name);
        out.addAll(propertyNames(child));
      });
    } else if (schema instanceof JsonArraySchema a) {
      out.addAll(propertyNames(a.items()));
    }
    return out;
  }

  private static void check(JsonSchemaElement schema, JsonNode v, String at, List<String> out) {
    if (schema instanceof JsonObjectSchema o) {
      if (!v.isObject()) {
        out.add(at + " is not an object");
        return;
      }
      for (String r : o.required()) {
        if (!v.has(r)) {
          out.add(at + "." + r + " is missing");
        }
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonSchemaElement child = o.properties().get(e.getKey());
        if (child != null) {
          check(child, e.getValue(), at + "." + e.getKey(), out);
        } else if (Boolean.FALSE.equals(o.additionalProperties())) {
          out.add(at + "." + e.getKey() + " is not declared");
        }
      }
    } else if (schema instanceof JsonArraySchema a) {
      if (!v.isArray()) {
        out.add(at + " is not an array");
        return;
      }
      for (int i = 0; i < v.size(); i++) {
        check(a.items(), v.get(i), at + "[" + i + "]", out);
      }
    } else if (schema instanceof JsonStringSchema && !v.isTextual()) {
      out.add(at + " is not a string");
    } else if (schema instanceof JsonIntegerSchema && !v.isIntegralNumber()) {
      out.add(at + " is not an integer");
    } else if (schema instanceof JsonNumberSchema && !v.isNumber()) {
      out.add(at + " is not a number");
    } else if (schema instanceof JsonBooleanSchema && !v.isBoolean()) {
      out.add(at + " is not a boolean");
    } else if (schema instanceof JsonEnumSchema en && !(v.isTextual() && en.enumValues().contains(v.asText()))) {
      out.add(at + " is not one of " + en.enumValues());
    }
  }
}
