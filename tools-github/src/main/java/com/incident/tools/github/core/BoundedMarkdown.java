package com.incident.tools.github.core;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HtmlBlock;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Fits a title and a Markdown body into what one call may post: a title of at most {@code maxTitle} characters
 * and a body of at most {@code maxPieces} pieces of the splitter's size (the issue body plus its continuation
 * comments). What does not fit is cut at a line or word boundary, never inside a token unless a single token is
 * longer than the room; an open code fence or {@code <details>} is closed, and the body ends with a Korean
 * notice of how much was left out.
 */
public final class BoundedMarkdown {
  private static final Parser PARSER = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();
  /** How far back a cut looks for a line break before settling for a space. */
  private static final int LINE_WINDOW = 2_000;
  /** Room reserved at the cut for the ellipsis, closing fences and the notice. */
  private static final int NOTICE_ROOM = 300;

  /** A title, and how many characters (code points) were left out. */
  public record Title(String text, int omittedChars) {}

  /** The pieces to post, in order, and how many characters (code points) of the body were left out. */
  public record Body(List<String> pieces, int omittedChars) {}

  private final MarkdownSplitter splitter;
  private final int maxChars;

  public BoundedMarkdown(int maxChars) {
    this.splitter = new MarkdownSplitter(maxChars);
    this.maxChars = maxChars;
  }

  public static Title title(String title, int maxTitle) {
    String t = title.strip();
    int length = t.codePointCount(0, t.length());
    if (length <= maxTitle) {
      return new Title(t, 0);
    }
    int cut = cut(t, t.offsetByCodePoints(0, maxTitle - 1), maxTitle / 2);
    String kept = t.substring(0, cut).stripTrailing();
    return new Title(kept + "…", length - kept.codePointCount(0, kept.length()));
  }

  /** The body in at most {@code maxPieces} pieces, each at most the splitter's size. */
  public Body fit(String markdown, int maxPieces) {
    // Beyond this nothing can be posted, so the splitter never parses more than it could use.
    long cap = (long) maxChars * (maxPieces + 1);
    String source = markdown.length() > cap ? markdown.substring(0, codePointStart(markdown, (int) cap)) : markdown;
    List<MarkdownSplitter.Piece> pieces = splitter.pieces(source);
    if (source == markdown && pieces.size() <= maxPieces) {
      return new Body(pieces.stream().map(MarkdownSplitter.Piece::text).toList(), 0);
    }
    // The last piece may carry up to a whole piece of source after the one before it; if the cut text still
    // needs more pieces, the next try ends where its own last allowed piece ended.
    int reach = (maxPieces >= 2 ? pieces.get(maxPieces - 2).end() : 0) + maxChars;
    while (true) {
      int limit = Math.max(0, reach - NOTICE_ROOM);
      int cut = cut(markdown, limit, LINE_WINDOW);
      String kept = markdown.substring(0, cut).stripTrailing();
      int omitted = markdown.codePointCount(kept.length(), markdown.length());
      String text = kept + closing(kept, cut < markdown.length() && markdown.charAt(cut) != '\n' && cut > 0
          && markdown.charAt(cut - 1) != '\n') + "\n\n" + notice(omitted);
      List<MarkdownSplitter.Piece> fitted = splitter.pieces(text);
      if (fitted.size() <= maxPieces || limit == 0) {
        return new Body(fitted.stream().map(MarkdownSplitter.Piece::text).toList(), omitted);
      }
      reach = Math.min(limit, fitted.get(maxPieces - 1).end());
    }
  }

  /** The Korean notice that ends a cut body. */
  public static String notice(int omittedChars) {
    return "⚠️ 본문이 길어 " + NumberFormat.getIntegerInstance(Locale.ROOT).format(omittedChars) + "자 생략됨";
  }

  /**
   * Where to cut at or before {@code limit}: at the last line break within {@code window}, else at the last
   * whitespace within it, else (a single token longer than the window) at the code point boundary at {@code limit}.
   */
  private static int cut(String s, int limit, int window) {
    if (limit >= s.length()) {
      return s.length();
    }
    int newline = s.lastIndexOf('\n', limit);
    if (newline >= 0 && newline >= limit - window) {
      return newline;
    }
    for (int i = limit; i > Math.max(0, limit - window); i--) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return codePointStart(s, limit);
  }

  /** "…", then whatever the kept text left open: a code fence, then {@code <details>} blocks. */
  private static String closing(String kept, boolean midLine) {
    FencedCodeBlock[] lastFence = new FencedCodeBlock[1];
    int[] details = new int[1];
    PARSER.parse(kept).accept(new AbstractVisitor() {
      @Override
      public void visit(FencedCodeBlock block) {
        lastFence[0] = block;
      }

      @Override
      public void visit(HtmlBlock block) {
        String html = block.getLiteral().toLowerCase(Locale.ROOT);
        details[0] += count(html, "<details") - count(html, "</details>");
      }
    });
    StringBuilder b = new StringBuilder(midLine ? "…" : "\n\n…");
    FencedCodeBlock fence = lastFence[0];
    int lastLine = (int) kept.chars().filter(c -> c == '\n').count();
    if (fence != null && fence.getClosingFenceLength() == null
        && fence.getSourceSpans().getLast().getLineIndex() == lastLine) {
      b.setLength(0);
      b.append(midLine ? "…" : "\n…").append('\n').append(fence.getFenceCharacter().repeat(fence.getOpeningFenceLength()));
    }
    b.append("\n\n</details>".repeat(Math.max(0, details[0])));
    return b.toString();
  }

  private static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  private static int codePointStart(String s, int index) {
    return index > 0 && index < s.length() && Character.isLowSurrogate(s.charAt(index)) ? index - 1 : index;
  }
}
