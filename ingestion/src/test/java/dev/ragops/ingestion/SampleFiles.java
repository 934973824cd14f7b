package dev.ragops.ingestion;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.hslf.usermodel.HSLFSlideShow;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/**
 * Real files in every format ragops reads, built in the test with the libraries that write them
 * (PDFBox, POI) or by hand (ODF and EPUB zips, RTF, EML, MSG), so tests need no downloads. Each
 * file holds its format's own marker phrase, and where the format has them, headings and pages.
 */
public final class SampleFiles {

  /**
   * One sample file.
   *
   * @param name the file name a client would send
   * @param content the bytes
   * @param type the media type Tika must detect (a prefix of it)
   * @param marker a phrase the extracted text must contain
   */
  public record Sample(String name, byte[] content, String type, String marker) {}

  private SampleFiles() {}

  /** One sample of every format, in a stable order. */
  public static List<Sample> all() {
    List<Sample> samples = new ArrayList<>();
    samples.add(new Sample("report.pdf", pdf(), "application/pdf", "aeroelastic flutter"));
    samples.add(
        new Sample(
            "bread.docx",
            docx(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "wild yeast"));
    samples.add(
        new Sample(
            "deck.pptx",
            pptx(),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "quarterly roadmap"));
    samples.add(
        new Sample(
            "sheet.xlsx",
            xlsx(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "glacier survey"));
    samples.add(new Sample("legacy.xls", xls(), "application/vnd.ms-excel", "tidal gauge"));
    samples.add(new Sample("legacy.ppt", ppt(), "application/vnd.ms-powerpoint", "orbital debris"));
    byte[] doc = resource("lighthouse.doc");
    if (doc != null) {
      samples.add(new Sample("lighthouse.doc", doc, "application/msword", "Fresnel lens"));
    }
    samples.add(
        new Sample(
            "notes.odt", odt(), "application/vnd.oasis.opendocument.text", "beekeeping notes"));
    samples.add(
        new Sample(
            "budget.ods",
            ods(),
            "application/vnd.oasis.opendocument.spreadsheet",
            "observatory budget"));
    samples.add(
        new Sample(
            "talk.odp", odp(), "application/vnd.oasis.opendocument.presentation", "volcanic ash"));
    samples.add(new Sample("letter.rtf", rtf(), "application/rtf", "copper kettle"));
    samples.add(new Sample("vacuum.html", html(), "text/html", "dead tuples"));
    samples.add(new Sample("catalog.xml", xml(), "application/xml", "herbarium specimen"));
    samples.add(new Sample("guide.md", markdown(), "text/", "sourdough starter"));
    samples.add(new Sample("plain.txt", text(), "text/plain", "migrating cranes"));
    samples.add(new Sample("stations.csv", csv(), "text/", "Reykjavik"));
    samples.add(new Sample("mail.eml", eml(), "message/rfc822", "harbour dredging"));
    samples.add(new Sample("outlook.msg", msg(), "application/vnd.ms-outlook", "ferry timetable"));
    samples.add(new Sample("book.epub", epub(), "application/epub+zip", "nautical almanac"));
    return samples;
  }

  /** The samples by file name. */
  public static Map<String, Sample> byName() {
    Map<String, Sample> byName = new LinkedHashMap<>();
    all().forEach(sample -> byName.put(sample.name(), sample));
    return byName;
  }

  /** A two-page PDF with a title and an author; page 2 holds {@code "second page"}. */
  public static byte[] pdf() {
    try (var document = new PDDocument()) {
      page(document, "Wing flutter", "Supersonic wing flutter is an aeroelastic flutter problem.");
      page(document, "Mass balancing", "The second page explains mass balancing of ailerons.");
      document.getDocumentInformation().setTitle("Wing flutter");
      document.getDocumentInformation().setAuthor("Ada Aerodyne");
      document
          .getDocumentInformation()
          .setCreationDate(
              java.util.GregorianCalendar.from(
                  java.time.ZonedDateTime.parse("2026-03-01T10:00:00Z")));
      return save(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A PDF that opens only with the password {@code "secret"}. */
  public static byte[] encryptedPdf() {
    try (var document = new PDDocument()) {
      page(document, "Sealed", "This text is locked behind a user password.");
      var policy = new StandardProtectionPolicy("owner-pw", "secret", new AccessPermission());
      policy.setEncryptionKeyLength(128);
      document.protect(policy);
      return save(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void page(PDDocument document, String heading, String body) throws IOException {
    var page = new PDPage();
    document.addPage(page);
    try (var content = new PDPageContentStream(document, page)) {
      content.beginText();
      content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD), 14);
      content.setLeading(18);
      content.newLineAtOffset(50, 740);
      content.showText(heading);
      content.newLine();
      content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
      content.showText(body);
      content.endText();
    }
  }

  private static byte[] save(PDDocument document) throws IOException {
    var out = new ByteArrayOutputStream();
    document.save(out);
    return out.toByteArray();
  }

  /** A DOCX with two "heading 1"/"heading 2" headings and body text under each. */
  public static byte[] docx() {
    try (var document = new XWPFDocument();
        var out = new ByteArrayOutputStream()) {
      var styles = document.createStyles();
      for (int level = 1; level <= 2; level++) {
        var style = CTStyle.Factory.newInstance();
        style.setStyleId("Heading" + level);
        style.setType(STStyleType.PARAGRAPH);
        style.addNewName().setVal("heading " + level);
        styles.addStyle(new XWPFStyle(style));
      }
      heading(document, "Heading1", "Baking sourdough");
      document
          .createParagraph()
          .createRun()
          .setText("Sourdough rises through fermentation by wild yeast and lactic acid bacteria.");
      heading(document, "Heading2", "Proofing");
      document
          .createParagraph()
          .createRun()
          .setText("The dough proofs overnight in the refrigerator before baking.");
      document.getProperties().getCoreProperties().setTitle("Sourdough");
      document.getProperties().getCoreProperties().setCreator("Bea Baker");
      document.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void heading(XWPFDocument document, String style, String text) {
    var paragraph = document.createParagraph();
    paragraph.setStyle(style);
    paragraph.createRun().setText(text);
  }

  public static byte[] pptx() {
    try (var show = new XMLSlideShow();
        var out = new ByteArrayOutputStream()) {
      for (String text :
          List.of("The quarterly roadmap slide.", "Second slide: hiring and budget.")) {
        var box = show.createSlide().createTextBox();
        box.setText(text);
        box.setAnchor(new java.awt.Rectangle(50, 50, 400, 100));
      }
      show.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] ppt() {
    try (var show = new HSLFSlideShow();
        var out = new ByteArrayOutputStream()) {
      var box = show.createSlide().createTextBox();
      box.setText("Tracking orbital debris in low earth orbit.");
      box.setAnchor(new java.awt.Rectangle(50, 50, 400, 100));
      show.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] xlsx() {
    try (var workbook = new XSSFWorkbook();
        var out = new ByteArrayOutputStream()) {
      var sheet = workbook.createSheet("Survey");
      sheet.createRow(0).createCell(0).setCellValue("glacier survey station");
      sheet.createRow(1).createCell(0).setCellValue(42.5);
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] xls() {
    try (var workbook = new HSSFWorkbook();
        var out = new ByteArrayOutputStream()) {
      var sheet = workbook.createSheet("Gauges");
      sheet.createRow(0).createCell(0).setCellValue("tidal gauge readings");
      sheet.createRow(1).createCell(0).setCellValue(3.25);
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final String ODF_NAMESPACES =
      " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
          + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
          + " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
          + " xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\""
          + " xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\""
          + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" office:version=\"1.2\"";

  public static byte[] odt() {
    return odf(
        "application/vnd.oasis.opendocument.text",
        "<office:text><text:h text:outline-level=\"1\">Apiary</text:h>"
            + "<text:p>My beekeeping notes for the spring season.</text:p>"
            + "<text:h text:outline-level=\"2\">Swarming</text:h>"
            + "<text:p>Colonies swarm when the hive is crowded.</text:p></office:text>",
        "Apiary notes");
  }

  public static byte[] ods() {
    return odf(
        "application/vnd.oasis.opendocument.spreadsheet",
        "<office:spreadsheet><table:table table:name=\"Budget\"><table:table-row>"
            + "<table:table-cell office:value-type=\"string\"><text:p>observatory budget</text:p>"
            + "</table:table-cell><table:table-cell office:value-type=\"float\""
            + " office:value=\"1200\"><text:p>1200</text:p></table:table-cell>"
            + "</table:table-row></table:table></office:spreadsheet>",
        "Budget");
  }

  public static byte[] odp() {
    return odf(
        "application/vnd.oasis.opendocument.presentation",
        "<office:presentation><draw:page draw:name=\"one\"><draw:frame><draw:text-box>"
            + "<text:p>Aviation hazards of volcanic ash clouds.</text:p>"
            + "</draw:text-box></draw:frame></draw:page></office:presentation>",
        "Ash");
  }

  private static byte[] odf(String mimeType, String body, String title) {
    String content =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content"
            + ODF_NAMESPACES
            + "><office:body>"
            + body
            + "</office:body></office:document-content>";
    String meta =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-meta"
            + ODF_NAMESPACES
            + "><office:meta><dc:title>"
            + title
            + "</dc:title><dc:language>en</dc:language></office:meta></office:document-meta>";
    String manifest =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest"
            + " xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
            + "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\""
            + mimeType
            + "\"/><manifest:file-entry manifest:full-path=\"content.xml\""
            + " manifest:media-type=\"text/xml\"/><manifest:file-entry"
            + " manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/>"
            + "</manifest:manifest>";
    return zip(
        mimeType,
        Map.of("META-INF/manifest.xml", manifest, "content.xml", content, "meta.xml", meta));
  }

  public static byte[] epub() {
    String container =
        "<?xml version=\"1.0\"?><container version=\"1.0\""
            + " xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles>"
            + "<rootfile full-path=\"OEBPS/content.opf\""
            + " media-type=\"application/oebps-package+xml\"/></rootfiles></container>";
    String opf =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><package xmlns=\"http://www.idpf.org/2007/opf\""
            + " version=\"2.0\" unique-identifier=\"id\"><metadata"
            + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>Almanac</dc:title>"
            + "<dc:creator>Cora Compass</dc:creator><dc:language>en</dc:language>"
            + "<dc:identifier id=\"id\">urn:uuid:1</dc:identifier></metadata><manifest>"
            + "<item id=\"ch1\" href=\"chapter1.xhtml\" media-type=\"application/xhtml+xml\"/>"
            + "</manifest><spine><itemref idref=\"ch1\"/></spine></package>";
    String chapter =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">"
            + "<head><title>Chapter 1</title></head><body><h1>Tides</h1>"
            + "<p>The nautical almanac lists the tides for every port.</p></body></html>";
    return zip(
        "application/epub+zip",
        Map.of(
            "META-INF/container.xml",
            container,
            "OEBPS/content.opf",
            opf,
            "OEBPS/chapter1.xhtml",
            chapter));
  }

  /** A zip whose first entry is an uncompressed {@code mimetype}, as ODF and EPUB require. */
  private static byte[] zip(String mimeType, Map<String, String> entries) {
    try (var bytes = new ByteArrayOutputStream();
        var zip = new ZipOutputStream(bytes)) {
      byte[] type = mimeType.getBytes(StandardCharsets.US_ASCII);
      var first = new ZipEntry("mimetype");
      first.setMethod(ZipEntry.STORED);
      first.setSize(type.length);
      var crc = new CRC32();
      crc.update(type);
      first.setCrc(crc.getValue());
      zip.putNextEntry(first);
      zip.write(type);
      zip.closeEntry();
      for (var entry : new java.util.TreeMap<>(entries).entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
      zip.finish();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] rtf() {
    return ("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times;}}{\\info{\\title Kettles}"
            + "{\\author Dora Tinker}}\\f0\\fs24 The copper kettle whistled on the stove.\\par"
            + " Tea was served at four.\\par}")
        .getBytes(StandardCharsets.US_ASCII);
  }

  public static final String HTML =
      """
      <!DOCTYPE html>
      <html lang="en"><head><title>Vacuum in PostgreSQL</title>
      <meta name="author" content="Pat Postgres"></head><body>
      <h1>Routine vacuuming</h1>
      <p>PostgreSQL's VACUUM command reclaims storage occupied by dead tuples.</p>
      <h2>Autovacuum</h2>
      <p>The autovacuum daemon automates this maintenance.</p>
      </body></html>
      """;

  public static byte[] html() {
    return HTML.getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] xml() {
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><catalog><item id=\"1\">"
            + "<name>herbarium specimen of alpine gentian</name></item></catalog>")
        .getBytes(StandardCharsets.UTF_8);
  }

  public static final String MARKDOWN =
      """
      # Baking guide

      Feed the sourdough starter every morning.

      ## Shaping

      Shape the loaf with wet hands.

      ```
      # not a heading
      ```
      """;

  public static byte[] markdown() {
    return MARKDOWN.getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] text() {
    return "Every autumn the migrating cranes rest on the lake.\n\nThey leave at dawn.\n"
        .getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] csv() {
    return "station,country,temperature\nReykjavik,Iceland,4.5\nTromso,Norway,2.1\n"
        .getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] eml() {
    return ("""
    From: Harbour Master <master@example.org>
    To: Crew <crew@example.org>
    Subject: Dredging schedule
    Date: Mon, 2 Mar 2026 09:00:00 +0000
    MIME-Version: 1.0
    Content-Type: multipart/mixed; boundary="b1"

    --b1
    Content-Type: text/plain; charset=UTF-8

    The harbour dredging starts on Monday at high tide.
    --b1
    Content-Type: text/plain; charset=UTF-8
    Content-Disposition: attachment; filename="tides.txt"

    Attached tide table for the channel.
    --b1--
    """)
        .replace("\n", "\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** An Outlook message: an OLE2 file with the MAPI property streams HSMF reads. */
  public static byte[] msg() {
    try (var fs = new POIFSFileSystem();
        var out = new ByteArrayOutputStream()) {
      var root = fs.getRoot();
      root.createDocument("__substg1.0_0037001F", utf16("Ferry timetable"));
      root.createDocument(
          "__substg1.0_1000001F", utf16("The summer ferry timetable starts in June."));
      root.createDocument("__substg1.0_0C1A001F", utf16("Port Office"));
      root.createDocument("__substg1.0_001A001F", utf16("IPM.Note"));
      root.createDocument("__properties_version1.0", new ByteArrayInputStream(new byte[32]));
      fs.writeFilesystem(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream utf16(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_16LE));
  }

  private static byte[] resource(String name) {
    try (var in = SampleFiles.class.getResourceAsStream("/samples/" + name)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
