package dev.ragops.ingestion;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/** The check-digit rules the PII detector uses to tell real identifiers from digit runs. */
final class CheckDigits {

  private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
  private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

  private CheckDigits() {}

  /** Luhn (mod 10) over a string of digits, the check payment card numbers carry. */
  static boolean luhn(String digits) {
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int digit = digits.charAt(i) - '0';
      if (twice) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
      twice = !twice;
    }
    return sum % 10 == 0;
  }

  /**
   * ISO 13616 IBAN check: country letters and check digits moved to the end, letters as 10..35, the
   * number mod 97 must be 1. {@code iban} is upper-case without spaces.
   */
  static boolean iban(String iban) {
    if (iban.length() < 15 || iban.length() > 34) {
      return false;
    }
    String rearranged = iban.substring(4) + iban.substring(0, 4);
    var numeric = new StringBuilder(rearranged.length() * 2);
    for (char c : rearranged.toCharArray()) {
      if (Character.isDigit(c)) {
        numeric.append(c);
      } else if (c >= 'A' && c <= 'Z') {
        numeric.append(c - 'A' + 10);
      } else {
        return false;
      }
    }
    return new BigInteger(numeric.toString()).mod(NINETY_SEVEN).intValue() == 1;
  }

  /**
   * The IBAN length of a country (ISO 13616 registry, the SEPA countries and a few more); 0 for a
   * country not listed, whose candidates are then never taken for IBANs.
   */
  static int ibanLength(String country) {
    return IBAN_LENGTHS.getOrDefault(country, 0);
  }

  private static final Map<String, Integer> IBAN_LENGTHS = ibanLengths();

  private static Map<String, Integer> ibanLengths() {
    var lengths = new HashMap<String, Integer>();
    String table =
        "AD24 AE23 AT20 BA20 BE16 BG22 BH22 BR29 CH21 CR22 CY28 CZ24 DE22 DK18 DO28 EE20 EG29"
            + " ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IS26 IT27"
            + " JO30 KW30 KZ20 LB28 LI21 LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 MT31 MU30 NL18"
            + " NO15 PK24 PL28 PS29 PT25 QA29 RO24 RS22 SA24 SE24 SI19 SK24 SM27 TN24 TR26 UA29"
            + " VG24 XK20";
    for (String entry : table.split(" ")) {
      lengths.put(entry.substring(0, 2), Integer.parseInt(entry.substring(2)));
    }
    return Map.copyOf(lengths);
  }

  /** Spanish DNI: eight digits and the letter at {@code number mod 23} of a fixed table. */
  static boolean dni(String digits, char letter) {
    return DNI_LETTERS.charAt(Integer.parseInt(digits) % 23) == Character.toUpperCase(letter);
  }

  /**
   * US Social Security number rules (SSNs carry no check digit): area not 000, 666 or 900-999,
   * group not 00, serial not 0000.
   */
  static boolean ssn(String area, String group, String serial) {
    int a = Integer.parseInt(area);
    return a != 0
        && a != 666
        && a < 900
        && Integer.parseInt(group) != 0
        && Integer.parseInt(serial) != 0;
  }

  /** Whether a payment card number's prefix belongs to a major scheme (Visa, Mastercard, …). */
  static boolean cardPrefix(String digits) {
    int two = Integer.parseInt(digits.substring(0, 2));
    int four = Integer.parseInt(digits.substring(0, 4));
    return digits.charAt(0) == '4'
        || (two >= 51 && two <= 55)
        || (four >= 2221 && four <= 2720)
        || two == 34
        || two == 37
        || four == 6011
        || two == 65
        || two == 35
        || two == 36;
  }
}
