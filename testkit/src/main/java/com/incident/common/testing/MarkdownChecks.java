package com.incident.common.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/**
 * Markdown as GitHub would see it, through a real CommonMark + GFM tables parser: the breakout corpus, the
 * document's structure, and everything in it that would become a link, image, HTML, mention or reference.
 */
public final class MarkdownChecks {
  /** One corpus entry: the class of breakout it tries, and the string. */
  public record Entry(String kind, String value) {
    @Override
    public String toString() {
      return kind + ": " + value.replace("\n", "\\n");
    }
  }

  private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();
  /**
   * What GitHub links in rendered text (outside code): mentions and e-mail addresses ({@code @} followed by a
   * name character), issue references ({@code #1}, {@code GH-1}) and bare URLs. Stricter than GitHub on purpose.
   */
  private static final Pattern AUTOLINKED = Pattern.compile("@(?=[A-Za-z0-9])|#(?=\\d)|(?i)\\bGH-(?=\\d)|(?i)(?:https?|ftp)://|(?i)www\\.");

  private MarkdownChecks() {}

  /** The breakout corpus shared by every renderer's test (src/test/resources/markdown/breakout-corpus.txt). */
  public static List<Entry> corpus() {
    try (InputStream in = MarkdownChecks.class.getResourceAsStream("/markdown/breakout-corpus.txt")) {
      List<Entry> entries = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("//")) {
          continue;
        }
        int tab = line.indexOf('\t');
        entries.add(new Entry(line.substring(0, tab), unescape(line.substring(tab + 1))));
      }
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Node parse(String markdown) {
    return PARSER.parse(markdown);
  }

  /**
   * The node types in document order, without text runs and code spans (whose number depends on the value):
   * headings, lists, quotes, tables with their rows and cells, emphasis, links, HTML all show here.
   */
  public static List<String> structure(String markdown) {
    List<String> out = new ArrayList<>();
    walk(parse(markdown), n -> {
      if (!(n instanceof Text) && !(n instanceof Code) && !(n instanceof SoftLineBreak)) {
        out.add(n.getClass().getSimpleName());
      }
    });
    return out;
  }

  /**
   * Everything that would act rather than read: links (as their host), images, HTML, and the text GitHub would
   * turn into a mention, a reference or a link.
   */
  public static List<String> active(String markdown) {
    List<String> out = new ArrayList<>();
    walk(parse(markdown), n -> {
      switch (n) {
        case Link l -> out.add("link " + host(l.getDestination()));
        case Image i -> out.add("image " + i.getDestination());
        case HtmlBlock h -> out.add("html " + h.getLiteral().strip());
        case HtmlInline h -> out.add("html " + h.getLiteral());
        case Text t -> {
          Matcher m = AUTOLINKED.matcher(t.getLiteral());
          while (m.find()) {
            out.add("autolink " + t.getLiteral().substring(m.start(), Math.min(t.getLiteral().length(), m.end() + 12)));
          }
        }
        default -> { }
      }
    });
    return out;
  }

  /** The literal of every fenced code block with this info string, in order. */
  public static List<String> fencedBlocks(String markdown, String info) {
    List<String> out = new ArrayList<>();
    walk(parse(markdown), n -> {
      if (n instanceof FencedCodeBlock f && info.equals(f.getInfo())) {
        out.add(f.getLiteral());
      }
    });
    return out;
  }

  private static String host(String destination) {
    try {
      URI uri = new URI(destination);
      return uri.getScheme() + "://" + uri.getHost();
    } catch (Exception e) {
      return destination;
    }
  }

  private static void walk(Node root, java.util.function.Consumer<Node> visit) {
    root.accept(new AbstractVisitor() {
      @Override
      protected void visitChildren(Node parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
          visit.accept(n);
          n.accept(this);
        }
      }
    });
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        b.append(c);
        continue;
      }
      char n = s.charAt(++i);
      switch (n) {
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> b.append(n);
      }
    }
    return b.toString();
  }
}
