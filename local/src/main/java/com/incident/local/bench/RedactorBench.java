package com.incident.local.bench;

import com.incident.common.redact.RedactionKind;
import com.incident.common.redact.Redactor;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The redactor on adversarial input, per rule, at 16 KB, 250 KB and 1 MB: median CPU time and character reads per
 * input character (the figure {@code RedactorStepBoundTest} bounds). Rewrites the "## Redaction" section of
 * docs/benchmarks.md; {@link Bench} keeps that section when it rewrites the rest.
 *
 * <p>{@code java -cp local/target/incident-local.jar com.incident.local.bench.RedactorBench [docs/benchmarks.md]}
 */
public final class RedactorBench {
  static final String HEADING = "## Redaction";
  private static final int[] SIZES = {16 * 1024, 250 * 1024, 1024 * 1024};
  // CPU time of the measuring thread: on a shared machine wall time mostly measures the wait for a core
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** One adversarial input: {@code unit} repeated to the size, against one rule (null = all rules). */
  record Case(RedactionKind kind, String unit) {
    String name() {
      return kind == null ? "all rules" : kind.id();
    }
  }

  static final List<Case> CASES = List.of(
      new Case(RedactionKind.PRIVATE_KEY, "-----BEGIN RSA PRIVATE KEY-----\n-----END AAAA "),
      new Case(RedactionKind.JWT, "eyJabcde.eyJ-"),
      new Case(RedactionKind.BEARER, "bearer bearer1 Basic "),
      new Case(RedactionKind.GITHUB_TOKEN, "ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZ_github_pat_"),
      new Case(RedactionKind.SLACK_TOKEN, "xoxb-xoxb-"),
      new Case(RedactionKind.AWS_ACCESS_KEY, "AKIAAKIAASIA"),
      new Case(RedactionKind.URL_CREDENTIALS, "a://b:c"),
      new Case(RedactionKind.SECRET, "password_token"),
      new Case(RedactionKind.SECRET, "비밀번호토큰암호"),
      new Case(RedactionKind.RESIDENT_NUMBER, "9001011234567"),
      new Case(RedactionKind.FOREIGN_RESIDENT_NUMBER, "900101-5 "),
      new Case(RedactionKind.PHONE, "010 010-1234 "),
      new Case(RedactionKind.PASSPORT, "M1234M123A"),
      new Case(RedactionKind.BANK_ACCOUNT, "계좌 123-45-"),
      new Case(RedactionKind.EMAIL, "a.b%c+d-e"),
      new Case(RedactionKind.EMAIL, "a@b.c@"),
      new Case(RedactionKind.CARD, "4 1 1 1 "),
      new Case(RedactionKind.AWS_SECRET_KEY, "wJalrXUtnFEMI/K7MDENG+"),
      new Case(null, "3f786850e387550fdab836ed7e6dc881de23001b"),
      new Case(null, "a"),
      new Case(null, "a."));

  record Row(Case c, long[] medianMicros, double readsPerChar) {}

  public static void main(String[] args) throws IOException {
    Path doc = Path.of(args.length > 0 ? args[0] : "docs/benchmarks.md");
    List<Row> rows = new ArrayList<>();
    for (Case c : CASES) {
      System.err.println("redactor bench: " + c.name() + " \"" + c.unit().replace("\n", "\\n") + "\"");
      rows.add(measure(c));
    }
    String existing = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "# Benchmarks\n";
    Files.writeString(doc, replaceSection(existing, section(rows)), StandardCharsets.UTF_8);
    System.out.println("wrote " + doc.toAbsolutePath());
  }

  static Row measure(Case c) {
    Redactor redactor = c.kind() == null ? Redactor.DEFAULT : Redactor.of(c.kind());
    long[] medians = new long[SIZES.length];
    for (int s = 0; s < SIZES.length; s++) {
      String input = input(c.unit(), SIZES[s]);
      for (int warm = 0; warm < 3; warm++) {
        redactor.redact(input);
      }
      long[] runs = new long[5];
      for (int r = 0; r < runs.length; r++) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        redactor.redact(input);
        runs[r] = (THREADS.getCurrentThreadCpuTime() - t0) / 1000;
      }
      java.util.Arrays.sort(runs);
      medians[s] = runs[runs.length / 2];
    }
    String mb = input(c.unit(), SIZES[SIZES.length - 1]);
    Counting counted = new Counting(mb);
    redactor.find(counted);
    return new Row(c, medians, counted.reads / (double) mb.length());
  }

  static String input(String unit, int size) {
    return unit.repeat(size / unit.length() + 1).substring(0, size);
  }

  static String section(List<Row> rows) {
    StringBuilder b = new StringBuilder();
    b.append(HEADING).append("\n\n");
    b.append("Written by `java -cp local/target/incident-local.jar com.incident.local.bench.RedactorBench` (")
        .append(Bench.jdk()).append(", ").append(Bench.now()).append(", CPU time of the measuring thread, ")
        .append("because the machine is shared and wall time there mostly measures the wait for a core). Each input is its unit repeated to the size; a rule runs alone ")
        .append("(`Redactor.of(kind)`), `all rules` is `Redactor.DEFAULT`. Median of 5 after 3 warm-up runs. ")
        .append("reads/char = `charAt` calls of `find` over the 1 MB input per input character, the figure ")
        .append("`RedactorStepBoundTest` bounds (200 per rule).\n\n");
    b.append("| rule | adversarial unit | 16 KB (ms) | 250 KB (ms) | 1 MB (ms) | reads/char at 1 MB |\n");
    b.append("|---|---|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      b.append("| ").append(r.c().name()).append(" | `").append(r.c().unit().replace("\n", "\\n").replace("|", "\\|"))
          .append("` | ").append(ms(r.medianMicros()[0])).append(" | ").append(ms(r.medianMicros()[1])).append(" | ")
          .append(ms(r.medianMicros()[2])).append(" | ").append(String.format(Locale.ROOT, "%.1f", r.readsPerChar()))
          .append(" |\n");
    }
    return b.toString();
  }

  /** {@code doc} with its redaction section replaced by {@code section} (appended when absent). */
  static String replaceSection(String doc, String section) {
    int start = doc.indexOf("\n" + HEADING + "\n");
    if (start < 0) {
      return doc.stripTrailing() + "\n\n" + section;
    }
    int end = doc.indexOf("\n## ", start + 1);
    return doc.substring(0, start + 1) + section + (end < 0 ? "" : doc.substring(end));
  }

  /** The redaction sections of {@code doc} (this one and the historical "before" figures), or empty. */
  static String existingSections(String doc) {
    int start = doc.indexOf("\n" + HEADING);
    if (start < 0) {
      return "";
    }
    int end = start + 1;
    while ((end = doc.indexOf("\n## ", end)) >= 0 && doc.startsWith("\n" + HEADING, end)) {
      end++;
    }
    return doc.substring(start + 1, end < 0 ? doc.length() : end + 1);
  }

  private static String ms(long micros) {
    return String.format(Locale.ROOT, micros < 10_000 ? "%.2f" : "%.0f", micros / 1000.0);
  }

  /** Counts character reads: java.util.regex reads its input only through charAt. */
  private static final class Counting implements CharSequence {
    private final String text;
    private final int offset;
    private final int length;
    private long reads;
    private final Counting root;

    Counting(String text) {
      this(text, 0, text.length(), null);
    }

    private Counting(String text, int offset, int length, Counting root) {
      this.text = text;
      this.offset = offset;
      this.length = length;
      this.root = root == null ? this : root;
    }

    @Override
    public int length() {
      return length;
    }

    @Override
    public char charAt(int index) {
      root.reads++;
      return text.charAt(offset + index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Counting(text, offset + start, end - start, root);
    }

    @Override
    public String toString() {
      root.reads += length;
      return text.substring(offset, offset + length);
    }
  }

  private RedactorBench() {}
}
