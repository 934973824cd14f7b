package dev.ragops.bench.scan;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;

/**
 * Generates personal data with valid checksums to plant into real text, one sentence at a time, in
 * the formats people write them in, and look-alikes whose checksum or structure fails.
 */
final class PlantedPii {

  private static final List<String> NAMES =
      List.of("anna.berg", "j.smith", "li.wei", "m_okafor", "pierre.dupont", "r.gupta42");
  private static final List<String> DOMAINS =
      List.of("cranfield.example", "aero-lab.org", "mail.example.com", "uni-stuttgart.example");
  private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

  private final Random random;

  PlantedPii(Random random) {
    this.random = random;
  }

  /** Flags planted by {@link #sentence(String)}. */
  static final List<String> KINDS =
      List.of(
          "pii:email",
          "pii:phone",
          "pii:iban",
          "pii:credit-card",
          "pii:national-id",
          "pii:ip-address");

  /** A sentence holding one value of {@code flag}. */
  String sentence(String flag) {
    return switch (flag) {
      case "pii:email" -> "requests for the tables go to " + email() + " .";
      case "pii:phone" -> "the author can be reached on " + phone() + " .";
      case "pii:iban" -> "fees were paid into account " + iban() + " .";
      case "pii:credit-card" -> "the booking was charged to card " + card() + " .";
      case "pii:national-id" -> "the test pilot's id is " + nationalId() + " .";
      case "pii:ip-address" -> "the data logger was at " + ip() + " during the runs .";
      default -> throw new IllegalArgumentException(flag);
    };
  }

  /** A sentence with numbers that look like personal data but fail its checks. */
  String lookAlike() {
    return switch (random.nextInt(6)) {
      case 0 -> "the reference number 4111 1111 1111 1112 was assigned .";
      case 1 -> "account " + mistyped(iban()) + " has a typo .";
      case 2 -> "tests 000-" + (10 + random.nextInt(89)) + "-4455 and 666-12-3456 were void .";
      case 3 -> "at " + (10 + random.nextInt(13)) + ":30:15 the tunnel ran at mach 2.5 .";
      case 4 -> "the ratio was 1.0445 to 2.3318 over " + (1000 + random.nextInt(8999)) + " runs .";
      default -> "the report nasa tn d-" + (1000 + random.nextInt(8999)) + " gives 12.5-14.0 .";
    };
  }

  /** {@code iban} with one digit of its account part changed: mod-97 catches every such error. */
  private String mistyped(String iban) {
    int at;
    do {
      at = 4 + random.nextInt(iban.length() - 4);
    } while (!Character.isDigit(iban.charAt(at)));
    char wrong = (char) ('0' + (iban.charAt(at) - '0' + 1 + random.nextInt(9)) % 10);
    return iban.substring(0, at) + wrong + iban.substring(at + 1);
  }

  private String email() {
    return pick(NAMES) + "@" + pick(DOMAINS);
  }

  private String phone() {
    return switch (random.nextInt(5)) {
      case 0 -> "+44 20 " + digits(4) + " " + digits(4);
      case 1 -> "(" + (200 + random.nextInt(700)) + ") " + digits(3) + "-" + digits(4);
      case 2 -> "+49 711 " + digits(3) + " " + digits(4);
      case 3 -> "+1-" + (200 + random.nextInt(700)) + "-" + digits(3) + "-" + digits(4);
      default -> "020 " + digits(4) + " " + digits(4);
    };
  }

  private String iban() {
    String country = pick(List.of("DE", "GB", "FR", "NL"));
    String bban =
        switch (country) {
          case "DE" -> digits(18);
          case "GB" -> letters(4) + digits(14);
          case "FR" -> digits(23);
          default -> letters(4) + digits(10);
        };
    String numeric = numeric(bban + country + "00");
    int check = 98 - new BigInteger(numeric).mod(BigInteger.valueOf(97)).intValue();
    String iban = country + String.format("%02d", check) + bban;
    return random.nextBoolean() ? iban : iban.replaceAll("(.{4})", "$1 ").strip();
  }

  private String card() {
    String prefix = pick(List.of("4", "51", "55", "37", "6011"));
    int length = prefix.equals("37") ? 15 : 16;
    String body = prefix + digits(length - prefix.length() - 1);
    String number = body + luhnDigit(body);
    return switch (random.nextInt(3)) {
      case 0 -> number;
      case 1 -> number.replaceAll("(.{4})(?!$)", "$1 ");
      default -> number.replaceAll("(.{4})(?!$)", "$1-");
    };
  }

  private String nationalId() {
    if (random.nextBoolean()) {
      int area = 1 + random.nextInt(899);
      area = area == 666 ? 667 : area;
      return String.format(
          "%03d-%02d-%04d", area, 1 + random.nextInt(99), 1 + random.nextInt(9999));
    }
    int number = random.nextInt(100_000_000);
    return String.format("%08d", number) + DNI_LETTERS.charAt(number % 23);
  }

  private String ip() {
    if (random.nextBoolean()) {
      return (1 + random.nextInt(223))
          + "."
          + random.nextInt(256)
          + "."
          + random.nextInt(256)
          + "."
          + (1 + random.nextInt(254));
    }
    return random.nextBoolean()
        ? "2001:db8:" + hex() + ":" + hex() + "::" + hex()
        : "fe80:0:0:0:" + hex() + ":" + hex() + ":" + hex() + ":" + hex();
  }

  private String hex() {
    return Integer.toHexString(1 + random.nextInt(0xfffe));
  }

  private String digits(int count) {
    var out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append(random.nextInt(10));
    }
    return out.toString();
  }

  private String letters(int count) {
    var out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append((char) ('A' + random.nextInt(26)));
    }
    return out.toString();
  }

  private static String numeric(String text) {
    var out = new StringBuilder();
    for (char c : text.toCharArray()) {
      out.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
    }
    return out.toString();
  }

  private static int luhnDigit(String body) {
    int sum = 0;
    boolean twice = true;
    for (int i = body.length() - 1; i >= 0; i--) {
      int digit = body.charAt(i) - '0';
      if (twice) {
        digit *= 2;
        digit = digit > 9 ? digit - 9 : digit;
      }
      sum += digit;
      twice = !twice;
    }
    return (10 - sum % 10) % 10;
  }

  private String pick(List<String> values) {
    return values.get(random.nextInt(values.size()));
  }
}
