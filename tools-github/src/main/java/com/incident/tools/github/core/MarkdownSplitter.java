package com.incident.tools.github.core;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Splits Markdown into pieces of at most {@code maxChars} at top-level block boundaries, found with a real
 * CommonMark + GFM tables parser so a table, a code fence or a list is never cut by a paragraph heuristic.
 * Only a single block larger than the limit is divided; a code block is then re-fenced in every piece and a
 * table repeats its header row, so each piece still renders on its own.
 */
public final class MarkdownSplitter {
  private static final Parser PARSER = Parser.builder()
      .extensions(List.of(TablesExtension.create()))
      .includeSourceSpans(IncludeSourceSpans.BLOCKS)
      .build();

  private final int maxChars;

  public MarkdownSplitter(int maxChars) {
    if (maxChars < 200) {
      throw new IllegalArgumentException("maxChars must be at least 200");
    }
    this.maxChars = maxChars;
  }

  /** One piece and how far into the source it reaches (offset just past the last source character it carries). */
  public record Piece(String text, int end) {}

  public List<String> split(String markdown) {
    return pieces(markdown).stream().map(Piece::text).toList();
  }

  public List<Piece> pieces(String markdown) {
    if (markdown.length() <= maxChars) {
      return List.of(new Piece(markdown, markdown.length()));
    }
    Source src = new Source(markdown.split("\n", -1));
    List<Piece> pieces = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int currentEnd = 0;
    int previousEnd = -1;
    for (Block block : blocks(src.lines)) {
      String text = src.join(block.first(), block.last());
      boolean hasGap = previousEnd >= 0 && block.first() > previousEnd + 1;
      String gap = hasGap ? src.join(previousEnd + 1, block.first() - 1) : "";
      String separator = previousEnd < 0 ? "" : hasGap ? "\n" + gap + "\n" : "\n";
      int gapFirst = previousEnd + 1;
      previousEnd = block.last();
      if (!current.isEmpty() && current.length() + separator.length() + text.length() <= maxChars) {
        current.append(separator).append(text);
        currentEnd = src.end(block.last());
        continue;
      }
      flush(current, currentEnd, pieces);
      // Blank lines at a piece boundary are dropped; anything else between blocks travels with the next block.
      String lead = gap.isBlank() ? "" : gap + "\n";
      if (lead.length() + text.length() <= maxChars) {
        current.append(lead).append(text);
        currentEnd = src.end(block.last());
      } else {
        if (!lead.isEmpty()) {
          pieces.addAll(packLines(src, gapFirst, block.first() - 1, "", ""));
        }
        pieces.addAll(oversized(block, src));
      }
    }
    flush(current, currentEnd, pieces);
    return pieces;
  }

  private List<Block> blocks(String[] lines) {
    Node document = PARSER.parse(String.join("\n", lines));
    List<Block> blocks = new ArrayList<>();
    for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
      List<SourceSpan> spans = node.getSourceSpans();
      if (spans.isEmpty()) {
        continue;
      }
      blocks.add(new Block(node, spans.getFirst().getLineIndex(), spans.getLast().getLineIndex()));
    }
    return blocks;
  }

  private List<Piece> oversized(Block block, Source src) {
    String opener = src.lines[block.first()];
    if (block.node() instanceof FencedCodeBlock && block.last() > block.first()) {
      String fence = fence(opener);
      boolean closed = fence(src.lines[block.last()]).startsWith(fence) && !fence.isEmpty();
      return packLines(src, block.first() + 1, closed ? block.last() - 1 : block.last(), opener + "\n", "\n" + fence);
    }
    if (block.node() instanceof TableBlock && block.last() - block.first() >= 2) {
      String header = opener + "\n" + src.lines[block.first() + 1] + "\n";
      return packLines(src, block.first() + 2, block.last(), header, "");
    }
    return packLines(src, block.first(), block.last(), "", "");
  }

  /** Lines {@code from..to} of the source, packed into pieces that each carry {@code prefix} and {@code suffix}. */
  private List<Piece> packLines(Source src, int from, int to, String prefix, String suffix) {
    int room = maxChars - prefix.length() - suffix.length();
    List<Piece> pieces = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int currentEnd = 0;
    for (int i = from; i <= to; i++) {
      String line = src.lines[i];
      int offset = src.starts[i];
      for (int[] part : hardWrap(line, room)) {
        String text = line.substring(part[0], part[1]);
        if (!current.isEmpty() && current.length() + 1 + text.length() > room) {
          pieces.add(new Piece(prefix + current + suffix, currentEnd));
          current.setLength(0);
        }
        if (!current.isEmpty()) {
          current.append('\n');
        }
        current.append(text);
        currentEnd = offset + part[1];
      }
    }
    if (!current.isEmpty()) {
      pieces.add(new Piece(prefix + current + suffix, currentEnd));
    }
    return pieces;
  }

  /**
   * A single line longer than a piece is cut at the last whitespace that keeps at least half the room, else at a
   * code point boundary (one token longer than half a comment has no better place), never inside a surrogate pair.
   */
  private static List<int[]> hardWrap(String line, int room) {
    List<int[]> parts = new ArrayList<>();
    int start = 0;
    while (line.length() - start > room) {
      int end = start + room;
      int space = line.lastIndexOf(' ', end - 1);
      if (space > start + room / 2) {
        end = space + 1;
      } else if (Character.isLowSurrogate(line.charAt(end))) {
        end--;
      }
      parts.add(new int[] {start, end});
      start = end;
    }
    parts.add(new int[] {start, line.length()});
    return parts;
  }

  private static String fence(String line) {
    String t = line.stripLeading();
    int i = 0;
    while (i < t.length() && (t.charAt(i) == '`' || t.charAt(i) == '~') && t.charAt(i) == t.charAt(0)) {
      i++;
    }
    return t.substring(0, i);
  }

  private static void flush(StringBuilder current, int end, List<Piece> pieces) {
    if (!current.isEmpty()) {
      pieces.add(new Piece(current.toString(), end));
      current.setLength(0);
    }
  }

  private record Block(Node node, int first, int last) {}

  /** The source as lines with the offset where each starts. */
  private static final class Source {
    final String[] lines;
    final int[] starts;

    Source(String[] lines) {
      this.lines = lines;
      this.starts = new int[lines.length];
      for (int i = 1; i < lines.length; i++) {
        starts[i] = starts[i - 1] + lines[i - 1].length() + 1;
      }
    }

    String join(int from, int to) {
      return from > to ? "" : String.join("\n", List.of(lines).subList(from, to + 1));
    }

    int end(int line) {
      return starts[line] + lines[line].length();
    }
  }
}
