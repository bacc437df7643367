package dev.tracegen.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.tracegen.check.Checkers;
import dev.tracegen.model.Json;
import dev.tracegen.taxonomy.Taxonomy;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The embedded generator as a LangChain4j {@link ChatModel}. It recognises each of the project's
 * prompts by its {@code tracegen-payload} block (the respond prompt is the bare instruction) and
 * answers in the format the prompt asks for, so its answers go through exactly the parsing,
 * validation and repair path of a real LLM's. Deterministic: the same conversation always gets
 * the same answer. Knobs: a fraction of responses that break one constraint, and a fraction of
 * structured answers that are cut off (malformed JSON); a repair re-ask is always answered well,
 * and a revised response breaks a constraint as often as a first one (drawn afresh from the
 * conversation, so every revision is a new draw).
 * The {@link Persona} decides whether that is all ({@code faithful}) or whether a
 * {@link RealisticPersona} layer adds real models' habits on top of the faithful answer.
 */
public final class EmbeddedChatModel implements ChatModel {
  public static final String PAYLOAD_FENCE = "```tracegen-payload\n";

  private final Taxonomy taxonomy;
  private final Checkers checkers;
  private final double nonCompliance;
  private final double malformed;
  private final Persona persona;
  private final RealisticPersona realistic;
  private final Voice voice;
  /** The same simulator over other languages' taxonomies, for conversations written in them (serve answers any run). */
  private final java.util.Map<String, EmbeddedChatModel> otherLanguages;

  public EmbeddedChatModel(Taxonomy taxonomy, Checkers checkers, double nonCompliance, double malformed) {
    this(taxonomy, checkers, nonCompliance, malformed, Persona.FAITHFUL);
  }

  public EmbeddedChatModel(Taxonomy taxonomy, Checkers checkers, double nonCompliance, double malformed,
      Persona persona) {
    this.taxonomy = taxonomy;
    // A model built without a taxonomy (clients that never reach a payload step) writes English.
    this.voice = Voice.of(taxonomy == null ? Voice.ENGLISH.language() : taxonomy.language());
    if (voice == null) {
      throw new IllegalArgumentException("the embedded generator writes " + String.join(" and ", Voice.LANGUAGES)
          + ", not '" + taxonomy.language() + "'");
    }
    this.checkers = checkers;
    this.nonCompliance = nonCompliance;
    this.malformed = malformed;
    this.persona = persona == null ? Persona.FAITHFUL : persona;
    this.realistic = persona == null || persona.faithful() ? null : new RealisticPersona(taxonomy, persona.rates());
    this.otherLanguages = java.util.Map.of();
  }

  private EmbeddedChatModel(EmbeddedChatModel base, java.util.Map<String, EmbeddedChatModel> otherLanguages) {
    this.taxonomy = base.taxonomy;
    this.voice = base.voice;
    this.checkers = base.checkers;
    this.nonCompliance = base.nonCompliance;
    this.malformed = base.malformed;
    this.persona = base.persona;
    this.realistic = base.realistic;
    this.otherLanguages = java.util.Map.copyOf(otherLanguages);
  }

  /**
   * This simulator, answering a conversation written in another of {@code models}' languages with
   * that model (told by the script of its first message), as a real endpoint answers in the
   * language it is asked in.
   */
  public EmbeddedChatModel withLanguages(List<EmbeddedChatModel> models) {
    java.util.Map<String, EmbeddedChatModel> others = new java.util.TreeMap<>();
    for (EmbeddedChatModel m : models) {
      if (!m.voice.language().equals(voice.language())) {
        others.put(m.voice.language(), m);
      }
    }
    return new EmbeddedChatModel(this, others);
  }

  /** The language this simulator writes. */
  public String language() {
    return voice.language();
  }

  /** Han letters make up at least this share of a Chinese prompt's letters (an English one quotes at most a phrase). */
  private static final double CHINESE_SHARE = 0.3;

  /**
   * The model for the language of {@code messages}: the one their payload block names, else (the
   * respond prompt, a bare instruction) the one their script shows; this one, or one of
   * {@link #withLanguages}.
   */
  EmbeddedChatModel forConversation(List<ChatMessage> messages) {
    if (otherLanguages.isEmpty()) {
      return this;
    }
    String first = messages.stream().filter(m -> m instanceof UserMessage).map(EmbeddedChatModel::text)
        .findFirst().orElse("");
    JsonNode payload = payload(first);
    if (payload != null) {
      // A structured step names its language (English: none); its prompt carries lists of ids.
      String named = payload == INVALID_PAYLOAD ? "" : payload.path("language").asText(Voice.ENGLISH.language());
      return otherLanguages.getOrDefault(named, this);
    }
    // The respond prompt is the instruction itself: its script tells.
    long letters = first.codePoints().filter(Character::isLetter).count();
    long han = first.codePoints().filter(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN).count();
    String language = letters > 0 && han >= CHINESE_SHARE * letters ? Voice.CHINESE.language() : Voice.ENGLISH.language();
    return otherLanguages.getOrDefault(language, this);
  }

  /** Whether the embedded generator writes {@code language} (instructions, answers and judgements). */
  public static boolean writes(String language) {
    return Voice.of(language) != null;
  }

  /** The languages the embedded generator writes. */
  public static List<String> languages() {
    return Voice.LANGUAGES;
  }

  public Persona persona() {
    return persona;
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    Reply reply = reply(request.messages(), schemaConstrained(request.responseFormat()));
    String prompt = request.messages().stream().map(EmbeddedChatModel::text).reduce("", String::concat);
    return ChatResponse.builder()
        .aiMessage(AiMessage.from(reply.text()))
        .tokenUsage(new TokenUsage(approxTokens(prompt), approxTokens(reply.text())))
        .finishReason(reply.finishReason())
        .modelName("tracegen-embedded-1")
        .build();
  }

  /** An answer and why it ended ({@code LENGTH}: cut off at the token limit). */
  public record Reply(String text, FinishReason finishReason) {}

  /** The answer to a conversation: its first user message is the prompt; later turns are repairs. */
  public String answer(List<ChatMessage> messages) {
    return reply(messages).text();
  }

  /** Whether a request's format is a JSON schema, which a real server enforces by constrained decoding. */
  public static boolean schemaConstrained(ResponseFormat format) {
    return format != null && format.type() == ResponseFormatType.JSON && format.jsonSchema() != null;
  }

  /** The answer to a conversation and its finish reason, asked without a JSON schema. */
  public Reply reply(List<ChatMessage> messages) {
    return reply(messages, false);
  }

  /**
   * The answer to a conversation and its finish reason. {@code schemaConstrained}: the request
   * carried a JSON schema, so the realistic persona writes valid JSON of that shape (no fences,
   * prose or sloppy syntax) and keeps only its faults of content.
   */
  public Reply reply(List<ChatMessage> messages, boolean schemaConstrained) {
    EmbeddedChatModel model = forConversation(messages);
    if (model != this) {
      return model.reply(messages, schemaConstrained);
    }
    if (realistic != null) {
      RealisticPersona.Reply r = realistic.reply(messages, this::answer, schemaConstrained);
      return new Reply(r.text(), r.finishReason());
    }
    String prompt = messages.stream().filter(m -> m instanceof UserMessage).map(EmbeddedChatModel::text)
        .findFirst().orElse("");
    return new Reply(answer(prompt, followUps(messages)), FinishReason.STOP);
  }

  /** Stands for a payload block that is not valid JSON (compared by identity). */
  static final JsonNode INVALID_PAYLOAD = Json.PLAIN.createObjectNode().put("step", "invalid-payload");

  /** The payload block of a prompt, or null when it has none (the respond prompt). */
  static JsonNode payload(String prompt) {
    int at = prompt.indexOf(PAYLOAD_FENCE);
    if (at < 0) {
      return null;
    }
    int end = prompt.indexOf("\n```", at + PAYLOAD_FENCE.length());
    try {
      return Json.PLAIN.readTree(prompt.substring(at + PAYLOAD_FENCE.length(), end < 0 ? prompt.length() : end));
    } catch (IOException e) {
      return INVALID_PAYLOAD;
    }
  }

  /**
   * What the conversation says after its first message (earlier answers and the follow-up asks),
   * joined; empty for a first ask.
   */
  static String followUps(List<ChatMessage> messages) {
    return messages.stream().skip(1).map(EmbeddedChatModel::text).collect(Collectors.joining("\u0000"));
  }

  private String answer(String prompt, String followUps) {
    boolean repair = !followUps.isEmpty();
    JsonNode payload = payload(prompt);
    if (payload == null) {
      return respond(prompt, followUps);
    }
    if (payload == INVALID_PAYLOAD) {
      return "{\"error\": \"the payload block is not valid JSON\"}";
    }
    String step = payload.path("step").asText();
    String out = switch (step) {
      case "expand" -> EmbeddedSteps.expand(payload, voice);
      case "structure" -> EmbeddedSteps.structure(taxonomy, payload);
      case "quality" -> EmbeddedSteps.quality(payload, voice);
      case "judge" -> EmbeddedSteps.judge(taxonomy, checkers, payload, voice);
      case "perturb" -> EmbeddedSteps.perturb(taxonomy, payload);
      case "eval_judge" -> EmbeddedSteps.evalJudge(taxonomy, checkers, payload, voice);
      default -> "{\"error\": \"unknown step " + step + "\"}";
    };
    boolean structured = !"expand".equals(step);
    if (structured && !repair && malformed > 0 && Hashes.unit(prompt, "malformed") < malformed) {
      // A cut-off answer, as a real model produces when it runs out of tokens.
      return out.substring(0, out.length() / 2);
    }
    return out;
  }

  /**
   * An answer to the instruction; whether it breaks a constraint is drawn afresh for every later
   * answer in the conversation (a revision), as a real model may or may not get it right again.
   */
  private String respond(String instruction, String followUps) {
    EmbeddedSteps.ParsedInstruction parsed = EmbeddedSteps.parseInstruction(taxonomy, instruction);
    int violate = -1;
    if (nonCompliance > 0 && !parsed.matches().isEmpty()
        && (followUps.isEmpty() ? Hashes.unit(instruction, "comply") : Hashes.unit(instruction, "comply", followUps))
        < nonCompliance) {
      violate = followUps.isEmpty() ? Hashes.pick(parsed.matches().size(), instruction, "violate")
          : Hashes.pick(parsed.matches().size(), instruction, "violate", followUps);
    }
    return ResponseWriter.write(parsed.matches(), instruction, violate, voice);
  }

  static String text(ChatMessage m) {
    if (m instanceof UserMessage u) {
      return u.hasSingleText() ? u.singleText() : u.toString();
    }
    if (m instanceof AiMessage a) {
      return a.text() == null ? "" : a.text();
    }
    return "";
  }

  static int approxTokens(String s) {
    return Math.max(1, s.length() / 4);
  }

  static ObjectNode object() {
    return Json.PLAIN.createObjectNode();
  }

  static ArrayNode array() {
    return Json.PLAIN.createArrayNode();
  }
}
