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

  public List<String> split(String markdown) {
    if (markdown.length() <= maxChars) {
      return List.of(markdown);
    }
    String[] lines = markdown.split("\n", -1);
    List<String> pieces = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int previousEnd = -1;
    for (Block block : blocks(lines)) {
      String text = join(lines, block.first(), block.last());
      boolean hasGap = previousEnd >= 0 && block.first() > previousEnd + 1;
      String gap = hasGap ? join(lines, previousEnd + 1, block.first() - 1) : "";
      String separator = previousEnd < 0 ? "" : hasGap ? "\n" + gap + "\n" : "\n";
      previousEnd = block.last();
      if (!current.isEmpty() && current.length() + separator.length() + text.length() <= maxChars) {
        current.append(separator).append(text);
        continue;
      }
      flush(current, pieces);
      // Blank lines at a piece boundary are dropped; anything else between blocks travels with the next block.
      String lead = gap.isBlank() ? "" : gap + "\n";
      if (lead.length() + text.length() <= maxChars) {
        current.append(lead).append(text);
      } else {
        if (!lead.isEmpty()) {
          pieces.addAll(packLines(List.of(gap.split("\n", -1)), "", ""));
        }
        pieces.addAll(oversized(block, lines));
      }
    }
    flush(current, pieces);
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

  private List<String> oversized(Block block, String[] lines) {
    List<String> body = new ArrayList<>(List.of(lines).subList(block.first(), block.last() + 1));
    if (block.node() instanceof FencedCodeBlock && body.size() >= 2) {
      String opener = body.getFirst();
      String fence = fence(opener);
      boolean closed = body.size() > 1 && fence(body.getLast()).startsWith(fence) && !fence.isEmpty();
      List<String> inner = body.subList(1, closed ? body.size() - 1 : body.size());
      return packLines(inner, opener + "\n", "\n" + fence);
    }
    if (block.node() instanceof TableBlock && body.size() > 2) {
      String header = body.get(0) + "\n" + body.get(1) + "\n";
      return packLines(body.subList(2, body.size()), header, "");
    }
    return packLines(body, "", "");
  }

  private List<String> packLines(List<String> lines, String prefix, String suffix) {
    int room = maxChars - prefix.length() - suffix.length();
    List<String> pieces = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : lines) {
      for (String part : hardWrap(line, room)) {
        if (!current.isEmpty() && current.length() + 1 + part.length() > room) {
          pieces.add(prefix + current + suffix);
          current.setLength(0);
        }
        if (!current.isEmpty()) {
          current.append('\n');
        }
        current.append(part);
      }
    }
    if (!current.isEmpty()) {
      pieces.add(prefix + current + suffix);
    }
    return pieces;
  }

  /** A single line longer than a piece is cut at code point boundaries, never inside a surrogate pair. */
  private static List<String> hardWrap(String line, int room) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    while (line.length() - start > room) {
      int end = start + room;
      if (Character.isLowSurrogate(line.charAt(end))) {
        end--;
      }
      parts.add(line.substring(start, end));
      start = end;
    }
    parts.add(line.substring(start));
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

  private static String join(String[] lines, int from, int to) {
    return from > to ? "" : String.join("\n", List.of(lines).subList(from, to + 1));
  }

  private static void flush(StringBuilder current, List<String> pieces) {
    if (!current.isEmpty()) {
      pieces.add(current.toString());
      current.setLength(0);
    }
  }

  private record Block(Node node, int first, int last) {}
}
