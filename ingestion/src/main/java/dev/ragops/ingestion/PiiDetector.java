package dev.ragops.ingestion;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data in text: e-mail addresses, phone numbers, IBANs (mod-97 checked), payment
 * card numbers (Luhn checked, known scheme prefix), national ids (US SSN by its format rules;
 * Spanish DNI by its check letter) and IPv4/IPv6 addresses. Candidates are found by pattern and
 * kept only when their checksum or structure holds; a later kind never overlaps an earlier one, in
 * the order listed.
 */
final class PiiDetector {

  static final String EMAIL = "pii:email";
  static final String PHONE = "pii:phone";
  static final String IBAN = "pii:iban";
  static final String CARD = "pii:credit-card";
  static final String NATIONAL_ID = "pii:national-id";
  static final String IP = "pii:ip-address";

  private static final Pattern EMAIL_PATTERN =
      Pattern.compile(
          "(?<![\\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*"
              + "\\.[A-Za-z]{2,24}(?![\\w-])");
  private static final Pattern IBAN_PATTERN =
      Pattern.compile("(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?");
  private static final Pattern CARD_PATTERN = Pattern.compile("(?<![\\d-])(?:\\d[ -]?){12,18}\\d");
  private static final Pattern SSN_PATTERN =
      Pattern.compile("(?<![\\d-])(\\d{3})-(\\d{2})-(\\d{4})(?![\\d-])");
  private static final Pattern DNI_PATTERN =
      Pattern.compile("(?<![\\w-])(\\d{8})-?([A-Za-z])(?![\\w-])");
  private static final Pattern IPV4_PATTERN =
      Pattern.compile(
          "(?<![\\w.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
              + "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\w]|\\.\\d)");
  private static final Pattern IPV6_PATTERN =
      Pattern.compile("(?<![\\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\\w:])");
  private static final Pattern PHONE_PATTERN =
      Pattern.compile(
          "(?<![\\w.,+/-])(?<!\\d )(?:"
              + "\\+\\d{1,3}[ .-]?(?:\\(\\d{1,4}\\)[ .-]?)?\\d{1,4}(?:[ .-]\\d{2,4}){1,4}"
              + "|\\(\\d{3}\\) ?\\d{3}[ .-]\\d{4}"
              + "|\\d{3}([.-])\\d{3}\\1\\d{4}"
              + "|0\\d{2,4}[ /-]\\d{3,4}[ -]\\d{3,4}"
              + ")(?![\\w.,/-]?\\d)(?! \\d)");

  List<Finding> find(String text) {
    List<Finding> found = new ArrayList<>();
    if (text.indexOf('@') >= 0) {
      add(found, text, EMAIL_PATTERN, EMAIL, m -> true);
    }
    ibans(found, text);
    add(found, text, CARD_PATTERN, CARD, m -> card(m.group()));
    add(
        found,
        text,
        SSN_PATTERN,
        NATIONAL_ID,
        m -> CheckDigits.ssn(m.group(1), m.group(2), m.group(3)));
    add(
        found,
        text,
        DNI_PATTERN,
        NATIONAL_ID,
        m -> CheckDigits.dni(m.group(1), m.group(2).charAt(0)));
    add(found, text, IPV4_PATTERN, IP, m -> true);
    if (text.indexOf(':') >= 0) {
      add(found, text, IPV6_PATTERN, IP, m -> ipv6(m.group()));
    }
    add(found, text, PHONE_PATTERN, PHONE, m -> phone(m.group()));
    return found;
  }

  private interface Check {
    boolean holds(Matcher match);
  }

  private static void add(
      List<Finding> found, String text, Pattern pattern, String flag, Check check) {
    Matcher match = pattern.matcher(text);
    while (match.find()) {
      if (check.holds(match) && free(found, match.start(), match.end())) {
        found.add(new Finding(flag, match.start(), match.end()));
      }
    }
  }

  private static boolean free(List<Finding> found, int start, int end) {
    return found.stream().noneMatch(finding -> finding.overlaps(start, end));
  }

  /** Each candidate cut to its country's IBAN length, kept when it passes mod-97. */
  private static void ibans(List<Finding> found, String text) {
    Matcher match = IBAN_PATTERN.matcher(text);
    while (match.find()) {
      String candidate = match.group();
      int length = CheckDigits.ibanLength(candidate.substring(0, 2));
      int end = 0;
      for (int chars = 0; end < candidate.length() && chars < length; end++) {
        chars += candidate.charAt(end) == ' ' ? 0 : 1;
      }
      String compact = candidate.substring(0, end).replace(" ", "");
      if (compact.length() == length
          && CheckDigits.iban(compact)
          && free(found, match.start(), match.start() + end)) {
        found.add(new Finding(IBAN, match.start(), match.start() + end));
      }
    }
  }

  private static boolean card(String candidate) {
    String digits = candidate.replaceAll("[ -]", "");
    return digits.length() >= 13
        && digits.length() <= 19
        && CheckDigits.cardPrefix(digits)
        && CheckDigits.luhn(digits);
  }

  private static boolean phone(String candidate) {
    long digits = candidate.chars().filter(Character::isDigit).count();
    return digits >= 9 && digits <= 15;
  }

  /** Whether {@code candidate} is an IPv6 address in full or {@code ::}-compressed form. */
  static boolean ipv6(String candidate) {
    int compressed = candidate.indexOf("::");
    if (compressed >= 0 && candidate.indexOf("::", compressed + 1) >= 0) {
      return false;
    }
    String[] groups = candidate.split(":", -1);
    int filled = 0;
    for (String group : groups) {
      if (group.length() > 4) {
        return false;
      }
      filled += group.isEmpty() ? 0 : 1;
    }
    if (compressed < 0) {
      return groups.length == 8 && filled == 8;
    }
    return filled >= 2 && filled <= 7 && candidate.chars().anyMatch(Character::isDigit);
  }
}
