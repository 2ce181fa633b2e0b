package com.incident.local.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.incident.AnalysisResult;
import com.incident.common.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/** The demo's outputs: the issue timeline as markdown, the same as an HTML page, and the --json object. */
public final class DemoReport {
  private static final List<org.commonmark.Extension> EXTENSIONS =
      List.of(TablesExtension.create(), TaskListItemsExtension.create());
  /** The Mermaid WebJar's self-contained browser bundle (a classic script defining {@code mermaid}). */
  static final String MERMAID_RESOURCE = "/META-INF/resources/webjars/mermaid/" + mermaidVersion() + "/dist/mermaid.min.js";
  static final String MERMAID_FILE = "mermaid.min.js";
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
  private static final HtmlRenderer HTML = HtmlRenderer.builder().extensions(EXTENSIONS).build();

  private DemoReport() {}

  /** Every issue with its body and comments, in order, as the incident's timeline on GitHub reads. */
  public static String markdown(DemoResult r) {
    return markdown(r.issues());
  }

  /** The issues as they read on GitHub: title and state, labels, body, then each comment. */
  public static String markdown(List<DemoResult.Issue> issues) {
    StringBuilder b = new StringBuilder();
    for (DemoResult.Issue i : issues) {
      b.append("# #").append(i.number()).append(' ').append(i.title()).append(" (").append(i.state()).append(")\n\n");
      b.append(i.labels().stream().map(l -> "`" + l + "`").collect(Collectors.joining(" "))).append("\n\n");
      b.append(i.body().strip()).append("\n");
      for (int c = 0; c < i.comments().size(); c++) {
        b.append("\n---\n\n<!-- comment ").append(c + 1).append(" of ").append(i.comments().size()).append(" -->\n\n");
        b.append(i.comments().get(c).strip()).append('\n');
      }
      b.append('\n');
    }
    if (issues.isEmpty()) {
      b.append("(no issue was opened)\n");
    }
    return b.toString();
  }

  /** The chat messages as posted (Slack's fallback text, Discord's embed), one line each; empty without any. */
  public static String chat(DemoResult r) {
    StringBuilder b = new StringBuilder();
    if (!r.chat().isEmpty()) {
      b.append("## 채팅 알림 (Slack, Discord)\n\n");
      r.chat().forEach(m -> b.append("- ").append(m.text().replace("\n", " ")).append('\n'));
    }
    return b.toString();
  }

  /** A standalone page: GitHub-like styling, tables, task lists, and Mermaid rendering of ```mermaid blocks. */
  public static String html(DemoResult r) {
    String body = HTML.render(PARSER.parse(markdown(r)));
    return """
        <!DOCTYPE html>
        <html lang="ko">
        <head>
        <meta charset="utf-8">
        <title>%s — incident-local demo</title>
        <style>
          body { font-family: -apple-system, "Segoe UI", "Noto Sans KR", sans-serif; max-width: 960px; margin: 2rem auto;
                 padding: 0 1rem; line-height: 1.55; color: #1f2328; word-break: keep-all; overflow-wrap: break-word; }
          pre { background: #f6f8fa; padding: .8rem; overflow-x: auto; border-radius: 6px; }
          code { background: #f6f8fa; padding: .1rem .3rem; border-radius: 4px; }
          table { border-collapse: collapse; display: block; overflow-x: auto; }
          td, th { border: 1px solid #d0d7de; padding: .3rem .6rem; vertical-align: top; }
          /* Key columns (항목, 시각, 순위, 원인) stay on one line; Korean never breaks inside a word (keep-all). */
          td:first-child, th { white-space: nowrap; }
          li:has(> input[type=checkbox]) { list-style: none; margin-left: -1.3rem; }
          hr { border: 0; border-top: 1px solid #d0d7de; margin: 1.5rem 0; }
          .scenario { background: #ddf4ff; padding: .6rem 1rem; border-radius: 6px; }
        </style>
        </head>
        <body>
        <p class="scenario"><strong>%s</strong> · model: %s · expected met: %s</p>
        %s
        <script src="%s"></script>
        <script>
          // ```mermaid blocks arrive as pre > code.language-mermaid; Mermaid renders them in place, offline.
          for (const code of document.querySelectorAll("pre > code.language-mermaid")) {
            const div = document.createElement("div");
            div.className = "mermaid";
            div.textContent = code.textContent;
            code.parentElement.replaceWith(div);
          }
          mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
          mermaid.run({ querySelector: ".mermaid" });
        </script>
        </body>
        </html>
        """.formatted(escape(r.scenario().name()), escape(r.scenario().name()), escape(r.model()),
        r.expectedMet() ? "yes" : "no — " + escape(String.join("; ", r.unmet())), body, MERMAID_FILE);
  }

  /** Writes the page and, beside it, the Mermaid bundle it loads, so the page renders without a network. */
  public static Path writeHtml(DemoResult r, Path dir) throws IOException {
    Files.createDirectories(dir);
    writeMermaid(dir);
    Path file = dir.resolve(r.scenario().name() + ".html");
    Files.writeString(file, html(r), StandardCharsets.UTF_8);
    return file;
  }

  private static void writeMermaid(Path dir) throws IOException {
    Path target = dir.resolve(MERMAID_FILE);
    try (InputStream in = DemoReport.class.getResourceAsStream(MERMAID_RESOURCE)) {
      if (in == null) {
        throw new IOException("the Mermaid bundle " + MERMAID_RESOURCE + " is missing from the classpath");
      }
      byte[] bundle = in.readAllBytes();
      if (!Files.exists(target) || Files.size(target) != bundle.length) {
        Files.write(target, bundle);
      }
    }
  }

  /** The --json object. */
  public static ObjectNode json(DemoResult r) {
    ObjectNode o = Json.object().put("scenario", r.scenario().name());
    ArrayNode issues = o.putArray("issues");
    for (DemoResult.Issue i : r.issues()) {
      ObjectNode n = issues.addObject().put("number", i.number()).put("title", i.title()).put("state", i.state());
      i.labels().forEach(n.putArray("labels")::add);
      i.comments().forEach(n.putArray("comments")::add);
    }
    ObjectNode analysis = o.putObject("analysis");
    AnalysisResult first = r.analyses().isEmpty() ? null : r.analyses().getFirst();
    analysis.put("model", first == null ? r.model() : first.analyzer());
    ArrayNode causes = analysis.putArray("causes");
    if (first != null) {
      first.causes().forEach(c -> causes.addObject().put("category", c.category().id()).put("probability", c.probability())
          .put("title", c.title()));
    }
    ObjectNode remediation = o.putObject("remediation");
    ArrayNode actions = remediation.putArray("actions");
    r.actions().forEach(a -> {
      ObjectNode n = actions.addObject().put("scenario", a.scenario()).put("kind", a.kind()).put("namespace", a.namespace())
          .put("name", a.name()).put("action", a.action()).put("status", a.status());
      if (a.reason() != null) {
        n.put("reason", a.reason());
      }
    });
    r.changed().forEach(remediation.putArray("changed")::add);
    ArrayNode chat = o.putArray("chat");
    r.chat().forEach(m -> chat.addObject().put("platform", m.platform()).put("text", m.text()));
    o.put("expectedMet", r.expectedMet());
    if (!r.expectedMet()) {
      r.unmet().forEach(o.putArray("unmet")::add);
    }
    DemoResult.Stats s = r.stats();
    o.putObject("stats").put("modelTurns", s.modelTurns()).put("toolCalls", s.toolCalls()).put("inputTokens", s.inputTokens())
        .put("outputTokens", s.outputTokens()).put("evidenceBytes", s.evidenceBytes()).put("wallMs", s.wallMs());
    return o;
  }

  /** The WebJar's version, read from its Maven metadata so the pom stays the one place it is pinned. */
  private static String mermaidVersion() {
    try (InputStream in = DemoReport.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/mermaid/pom.properties")) {
      java.util.Properties p = new java.util.Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "missing");
    } catch (IOException e) {
      return "missing";
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
