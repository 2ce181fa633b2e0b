package com.incident.webhook.core;

import com.incident.common.incident.IssueCommand.Kind;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a comment's command: its first line that starts with {@code /}, outside fenced code blocks (a pasted shell
 * session is no command) and not quoted ({@code > /approve} in a reply starts with {@code >}). One command per
 * comment; text after the command words is ignored except the category of {@code /feedback wrong <category>}.
 */
public final class CommandParser {
  /** The first command word and its argument; {@code argument} is null unless the kind takes one. */
  public record Parsed(Kind kind, String argument) {}

  /** GitHub logins and category ids are far shorter; an unknown command is quoted back at most this long. */
  static final int MAX_ARGUMENT_CHARS = 100;

  private CommandParser() {}

  public static Optional<Parsed> parse(String comment) {
    if (comment == null) {
      return Optional.empty();
    }
    boolean fenced = false;
    for (String raw : comment.split("\\R")) {
      String line = raw.strip();
      if (line.startsWith("```") || line.startsWith("~~~")) {
        fenced = !fenced;
      } else if (!fenced && line.startsWith("/")) {
        return Optional.of(command(line));
      }
    }
    return Optional.empty();
  }

  private static Parsed command(String line) {
    String[] words = line.split("\\s+");
    String verb = words[0].toLowerCase(Locale.ROOT);
    String second = words.length > 1 ? words[1].toLowerCase(Locale.ROOT) : null;
    return switch (verb) {
      case "/approve", "/승인" -> new Parsed(Kind.APPROVE, null);
      case "/reject", "/거절" -> new Parsed(Kind.REJECT, null);
      case "/reanalyze", "/재분석" -> new Parsed(Kind.REANALYZE, null);
      case "/정확" -> new Parsed(Kind.FEEDBACK_CORRECT, null);
      case "/오답" -> new Parsed(Kind.FEEDBACK_WRONG, words.length > 1 ? bounded(words[1]) : null);
      case "/feedback" -> switch (second == null ? "" : second) {
        case "correct" -> new Parsed(Kind.FEEDBACK_CORRECT, null);
        case "wrong" -> new Parsed(Kind.FEEDBACK_WRONG, words.length > 2 ? bounded(words[2]) : null);
        default -> unknown(line);
      };
      default -> unknown(line);
    };
  }

  private static Parsed unknown(String line) {
    return new Parsed(Kind.UNKNOWN, bounded(line));
  }

  private static String bounded(String text) {
    return text.length() <= MAX_ARGUMENT_CHARS ? text : text.substring(0, MAX_ARGUMENT_CHARS);
  }
}
