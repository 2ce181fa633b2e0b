package com.incident.kube.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which process a {@code sh -c} script leaves running: the command it {@code exec}s, or else its last foreground
 * command, counting only commands that are certainly reached. A command behind {@code &&}/{@code ||} runs only when
 * its condition is known (literal {@code true}/{@code false}/{@code :}, or a {@code [ ... ]} test over values the
 * container's own env sets); anything inside {@code if}/{@code while}/{@code case}/{@code for} or a subshell is not
 * counted. This is a small reader of the POSIX shell grammar, not a string search: a word in an {@code echo} or a
 * probe such as {@code stress --version || echo ...} never becomes the running process.
 */
final class ShellScript {
  private static final Set<String> OPENERS = Set.of("if", "while", "until", "for", "case", "(", "{");
  private static final Set<String> CLOSERS = Set.of("fi", "done", "esac", ")", "}");
  private static final Set<String> CONTINUERS = Set.of("then", "else", "elif", "do");

  private ShellScript() {}

  /** A token: a word (quotes removed) or a control operator. */
  private record Token(String text, boolean operator) {}

  /** One simple command and how it is connected to the one before it. */
  private record Command(List<String> words, String joinedBy, boolean background, int depth) {}

  /** The argv of the process the script leaves running, if it can be told. */
  static Optional<List<String>> finalProcess(String script, Map<String, String> env) {
    List<Command> commands = commands(tokens(script));
    Boolean previousResult = null;
    boolean previousReached = false;
    List<String> lastForeground = null;
    for (Command c : commands) {
      boolean reached = c.depth() == 0 && switch (c.joinedBy()) {
        case "&&" -> previousReached && Boolean.TRUE.equals(previousResult);
        case "||" -> previousReached && Boolean.FALSE.equals(previousResult);
        case "|" -> false;
        default -> true;
      };
      List<String> words = withoutAssignments(c.words());
      previousReached = reached;
      previousResult = reached ? result(words, env) : null;
      if (!reached || words.isEmpty()) {
        continue;
      }
      if (words.getFirst().equals("exec")) {
        List<String> argv = words.subList(1, words.size());
        if (!argv.isEmpty()) {
          return Optional.of(List.copyOf(argv));
        }
        continue;
      }
      if (!c.background()) {
        lastForeground = words;
      }
    }
    return Optional.ofNullable(lastForeground).map(List::copyOf);
  }

  /** TRUE/FALSE when the command's exit status is known without running it, else null. */
  private static Boolean result(List<String> words, Map<String, String> env) {
    if (words.isEmpty()) {
      return null;
    }
    String cmd = words.getFirst();
    if (words.size() == 1 && (cmd.equals("true") || cmd.equals(":"))) {
      return true;
    }
    if (words.size() == 1 && cmd.equals("false")) {
      return false;
    }
    List<String> test;
    if (cmd.equals("[") && words.getLast().equals("]")) {
      test = words.subList(1, words.size() - 1);
    } else if (cmd.equals("test")) {
      test = words.subList(1, words.size());
    } else {
      return null;
    }
    if (test.size() != 3) {
      return null;
    }
    String left = expand(test.get(0), env);
    String right = expand(test.get(2), env);
    if (left == null || right == null) {
      return null;
    }
    return switch (test.get(1)) {
      case "=", "==" -> left.equals(right);
      case "!=" -> !left.equals(right);
      default -> null;
    };
  }

  /** The word with {@code $VAR}/{@code ${VAR}} replaced from the container's env, or null when a value is unknown. */
  private static String expand(String word, Map<String, String> env) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < word.length()) {
      char ch = word.charAt(i);
      if (ch != '$') {
        out.append(ch);
        i++;
        continue;
      }
      int start = i + 1;
      boolean braced = start < word.length() && word.charAt(start) == '{';
      int from = braced ? start + 1 : start;
      int end = from;
      while (end < word.length() && (Character.isLetterOrDigit(word.charAt(end)) || word.charAt(end) == '_')) {
        end++;
      }
      if (end == from || (braced && (end >= word.length() || word.charAt(end) != '}'))) {
        return null;
      }
      String value = env.get(word.substring(from, end));
      if (value == null) {
        return null;
      }
      out.append(value);
      i = braced ? end + 1 : end;
    }
    return out.toString();
  }

  private static List<String> withoutAssignments(List<String> words) {
    int i = 0;
    while (i < words.size() && words.get(i).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
      i++;
    }
    return words.subList(i, words.size());
  }

  private static List<Command> commands(List<Token> tokens) {
    List<Command> out = new ArrayList<>();
    List<String> words = new ArrayList<>();
    String joinedBy = ";";
    int depth = 0;
    int commandDepth = 0;
    for (Token t : tokens) {
      if (!t.operator()) {
        if (words.isEmpty()) {
          if (OPENERS.contains(t.text())) {
            depth++;
            commandDepth = depth;
            if (!t.text().equals("for") && !t.text().equals("case")) {
              continue;
            }
          } else if (CLOSERS.contains(t.text())) {
            depth = Math.max(0, depth - 1);
            continue;
          } else if (CONTINUERS.contains(t.text()) || t.text().equals("!")) {
            continue;
          }
          commandDepth = depth;
        }
        words.add(t.text());
        continue;
      }
      switch (t.text()) {
        case "(" -> {
          depth++;
          continue;
        }
        case ")" -> {
          flush(out, words, joinedBy, false, commandDepth);
          depth = Math.max(0, depth - 1);
          joinedBy = ";";
          continue;
        }
        default -> { }
      }
      flush(out, words, joinedBy, t.text().equals("&"), commandDepth);
      joinedBy = t.text().equals("&") ? ";" : t.text();
      words = new ArrayList<>();
      commandDepth = depth;
    }
    flush(out, words, joinedBy, false, commandDepth);
    return out;
  }

  private static void flush(List<Command> out, List<String> words, String joinedBy, boolean background, int depth) {
    if (!words.isEmpty()) {
      out.add(new Command(List.copyOf(words), joinedBy, background, depth));
      words.clear();
    }
  }

  /** Words with quotes and escapes resolved, control operators, redirections dropped, comments skipped. */
  private static List<Token> tokens(String s) {
    List<Token> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    boolean dropNext = false;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\'' ) {
        int end = s.indexOf('\'', i + 1);
        end = end < 0 ? s.length() : end;
        word.append(s, i + 1, end);
        inWord = true;
        i = end + 1;
      } else if (c == '"') {
        i++;
        while (i < s.length() && s.charAt(i) != '"') {
          if (s.charAt(i) == '\\' && i + 1 < s.length()) {
            i++;
          }
          word.append(s.charAt(i));
          i++;
        }
        inWord = true;
        i++;
      } else if (c == '\\' && i + 1 < s.length()) {
        if (s.charAt(i + 1) != '\n') {
          word.append(s.charAt(i + 1));
          inWord = true;
        }
        i += 2;
      } else if (c == '#' && !inWord) {
        while (i < s.length() && s.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '>' || c == '<') {
        if (inWord && word.toString().chars().allMatch(Character::isDigit)) {
          word.setLength(0);
          inWord = false;
        }
        dropNext = end(out, word, inWord, dropNext);
        inWord = false;
        i++;
        while (i < s.length() && (s.charAt(i) == '>' || s.charAt(i) == '<' || s.charAt(i) == '&' || s.charAt(i) == '|')) {
          i++;
        }
        dropNext = true;
      } else if (Character.isWhitespace(c) && c != '\n') {
        dropNext = end(out, word, inWord, dropNext);
        inWord = false;
        i++;
      } else if (c == '\n' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')') {
        dropNext = end(out, word, inWord, dropNext);
        inWord = false;
        String op;
        if ((c == '&' || c == '|' || c == ';') && i + 1 < s.length() && s.charAt(i + 1) == c) {
          op = "" + c + c;
          i += 2;
        } else {
          op = c == '\n' ? ";" : String.valueOf(c);
          i++;
        }
        out.add(new Token(op.equals(";;") ? ";" : op, true));
      } else {
        word.append(c);
        inWord = true;
        i++;
      }
    }
    end(out, word, inWord, dropNext);
    return out;
  }

  /** Ends the current word; a redirection target is dropped. Returns whether the next word is still to be dropped. */
  private static boolean end(List<Token> out, StringBuilder word, boolean inWord, boolean dropNext) {
    if (!inWord) {
      return dropNext;
    }
    if (!dropNext) {
      out.add(new Token(word.toString(), false));
    }
    word.setLength(0);
    return false;
  }
}
