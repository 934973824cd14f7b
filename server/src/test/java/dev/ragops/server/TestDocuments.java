package dev.ragops.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Real files in real formats, built in the test: a PDF (PDFBox), a DOCX (POI) and HTML. */
final class TestDocuments {

  static final String PDF_TEXT =
      "Supersonic wing flutter is an aeroelastic instability. At high Mach numbers the"
          + " aerodynamic forces couple with the bending and torsion modes of the wing, and the"
          + " oscillation grows until the structure fails. Designers raise the flutter speed with"
          + " stiffer spars and mass balancing of control surfaces.";

  static final String DOCX_TEXT =
      "Sourdough bread rises through fermentation by wild yeast and lactic acid bacteria. A"
          + " starter is fed flour and water daily. The dough ferments in bulk for four to six hours"
          + " at room temperature, then proofs overnight in the refrigerator before baking.";

  static final String HTML =
      """
      <html><head><title>Vacuum in PostgreSQL</title></head><body>
      <h1>Routine vacuuming</h1>
      <p>PostgreSQL's VACUUM command reclaims storage occupied by dead tuples. Rows deleted or
      obsoleted by an update are not physically removed from their table until a vacuum runs.
      The autovacuum daemon automates this maintenance.</p>
      </body></html>
      """;

  private TestDocuments() {}

  static byte[] pdf() {
    try (var document = new PDDocument();
        var out = new ByteArrayOutputStream()) {
      var page = new PDPage();
      document.addPage(page);
      try (var content = new PDPageContentStream(document, page)) {
        content.beginText();
        content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
        content.setLeading(14);
        content.newLineAtOffset(50, 740);
        for (String line : wrap(PDF_TEXT, 90)) {
          content.showText(line);
          content.newLine();
        }
        content.endText();
      }
      document.getDocumentInformation().setTitle("Wing flutter");
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] docx() {
    try (var document = new XWPFDocument();
        var out = new ByteArrayOutputStream()) {
      document.createParagraph().createRun().setText("Baking sourdough");
      document.createParagraph().createRun().setText(DOCX_TEXT);
      document.getProperties().getCoreProperties().setTitle("Sourdough");
      document.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] html() {
    return HTML.getBytes(StandardCharsets.UTF_8);
  }

  /** Starts like a PDF and then is garbage: Tika must fail it with a reason. */
  static byte[] corruptPdf() {
    byte[] real = pdf();
    byte[] corrupt = new byte[real.length / 3];
    System.arraycopy(real, 0, corrupt, 0, 16);
    for (int i = 16; i < corrupt.length; i++) {
      corrupt[i] = (byte) (i * 31);
    }
    return corrupt;
  }

  private static java.util.List<String> wrap(String text, int width) {
    var lines = new java.util.ArrayList<String>();
    var line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() + word.length() + 1 > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (!line.isEmpty()) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }
}
