package dev.ragops.ingestion;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds text aimed at a language model rather than a reader (indirect prompt injection, OWASP
 * LLM01): instructions that override the model's own ({@code injection:instruction}), role-play and
 * jailbreak set-ups ({@code injection:role-play}), chat-template and system-prompt markers ({@code
 * injection:system-prompt}) and characters a reader cannot see: zero-width, bidirectional-override
 * and Unicode tag characters ({@code injection:hidden-text}). Patterns are phrase-level and
 * case-insensitive, chosen so that prose about the same words rarely matches.
 */
final class InjectionDetector {

  static final String INSTRUCTION = "injection:instruction";
  static final String ROLE_PLAY = "injection:role-play";
  static final String SYSTEM_PROMPT = "injection:system-prompt";
  static final String HIDDEN_TEXT = "injection:hidden-text";

  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

  private static final Pattern P_OVERRIDE =
      Pattern.compile(
          "\\b(?:ignore|disregard|forget|override|bypass|skip)\\s+(?:(?:all|any|the|your|these"
              + "|those|every|of|my)\\s+)*(?:previous|prior|above|earlier|preceding|original"
              + "|system|initial|existing|developer)\\s+(?:instructions?|directions?|prompts?"
              + "|rules|guidelines|context|messages?|commands?|orders|directives?)",
          FLAGS);

  private static final Pattern P_INSTRUCTION =
      Pattern.compile(
          "\\b(?:do\\s+not|don't|never)\\s+(?:tell|inform|alert|mention\\s+(?:this\\s+)?to)"
              + "\\s+the\\s+user\\b"
              + "|\\b(?:reveal|print|output|repeat|leak|disclose)\\s+(?:me\\s+)?(?:your|the)"
              + "\\s+(?:system\\s+prompt|hidden\\s+instructions|initial\\s+instructions"
              + "|original\\s+instructions|instructions\\s+above)"
              + "|\\bnew\\s+(?:instructions|directives?)\\s*:"
              + "|\\bfrom\\s+now\\s+on\\s*,?\\s+you\\s+(?:must|will|shall|should|are)\\b"
              + "|\\bif\\s+you\\s+are\\s+an?\\s+(?:AI|LLM|language\\s+model|assistant"
              + "|chatbot)\\b"
              + "|\\b(?:note|attention|message|instructions?)\\s+(?:to|for)\\s+(?:the\\s+|any\\s+)?"
              + "(?:AI|LLM|assistant|language\\s+model|chatbot)s?\\b"
              + "|\\b(?:respond|reply|answer)\\s+only\\s+with\\b",
          FLAGS);

  private static final Pattern P_ROLE_PLAY =
      Pattern.compile(
          "\\byou\\s+are\\s+(?:now|no\\s+longer)\\s+(?:a|an|the|in|my|free|DAN|bound)\\b"
              + "|\\b(?:pretend|imagine)\\s+(?:that\\s+)?(?:you\\s+are|you're|to\\s+be)\\b"
              + "|\\b(?:act|behave)\\s+as\\s+(?:if\\s+you\\s+(?:are|were)|an?\\s+(?:unrestricted"
              + "|unfiltered|uncensored|evil))\\b"
              + "|\\b(?:DAN|developer|god|jailbreak|unrestricted)\\s+mode\\b"
              + "|\\brole[- ]?play\\s+as\\b|\\bdo\\s+anything\\s+now\\b"
              + "|\\bstay\\s+in\\s+character\\b",
          FLAGS);

  private static final Pattern P_SYSTEM_PROMPT =
      Pattern.compile(
          "<\\|(?:im_start|im_end|system|user|assistant|endoftext)\\|>"
              + "|\\[/?INST\\]|<</?SYS>>|</?(?:system|instructions?)>"
              + "|(?m:^[ \\t]*#{1,4}[ \\t]*(?:system|instructions?)[ \\t]*:?[ \\t]*$)"
              + "|(?m:^[ \\t]*(?:system|assistant)[ \\t]*:[ \\t])"
              + "|\\bsystem\\s+prompt\\s*:",
          FLAGS);

  private static final Pattern P_HIDDEN =
      Pattern.compile(
          "[\\u200B\\u200C\\u200D\\u2060-\\u2064\\uFEFF\\u202A-\\u202E\\u2066-\\u2069"
              + "\\x{E0000}-\\x{E007F}]+");

  /**
   * A pattern and the lower-case words one of which any match contains: the pattern runs only on
   * text that holds one of them, which keeps the scan cheap on ordinary prose.
   */
  private record Rule(String flag, List<String> anchors, Pattern pattern) {

    boolean mayMatch(String lowerCase) {
      return anchors.isEmpty() || anchors.stream().anyMatch(lowerCase::contains);
    }
  }

  private static final List<Rule> RULES =
      List.of(
          new Rule(
              INSTRUCTION,
              List.of("ignore", "disregard", "forget", "override", "bypass", "skip"),
              P_OVERRIDE),
          new Rule(
              INSTRUCTION,
              List.of(
                  "the user",
                  "reveal",
                  "print",
                  "output",
                  "repeat",
                  "leak",
                  "disclose",
                  "instruction",
                  "directive",
                  "from now on",
                  "if you are",
                  "ai",
                  "llm",
                  "assistant",
                  "language model",
                  "chatbot",
                  "only with"),
              P_INSTRUCTION),
          new Rule(
              ROLE_PLAY,
              List.of(
                  "you are",
                  "pretend",
                  "imagine",
                  "act as",
                  "behave as",
                  "mode",
                  "role",
                  "anything now",
                  "in character"),
              P_ROLE_PLAY),
          new Rule(
              SYSTEM_PROMPT,
              List.of("<|", "inst]", "sys>>", "system", "instruction", "assistant"),
              P_SYSTEM_PROMPT),
          new Rule(HIDDEN_TEXT, List.of(), P_HIDDEN));

  List<Finding> find(String text) {
    List<Finding> found = new ArrayList<>();
    String lowerCase = text.toLowerCase(Locale.ROOT);
    for (Rule rule : RULES) {
      if (!rule.mayMatch(lowerCase)) {
        continue;
      }
      Matcher match = rule.pattern().matcher(text);
      while (match.find()) {
        boolean byteOrderMark = match.start() == 0 && match.group().equals("\uFEFF");
        if (!(rule.flag().equals(HIDDEN_TEXT) && byteOrderMark)) {
          found.add(new Finding(rule.flag(), match.start(), match.end()));
        }
      }
    }
    return found;
  }
}
