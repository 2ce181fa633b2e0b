package com.incident.tools.github.core;

import com.incident.common.incident.AnalysisResult;
import com.incident.common.incident.AnalysisResult.EvidenceRef;
import com.incident.common.incident.AnalysisResult.ProbableCause;
import com.incident.common.incident.RootCauseCategory;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Scores a past incident against the current one out of 100, as the team's runbook does: same service 40,
 * similar symptoms 30, same root-cause category 20, same tech stack 10. The structured analysis block of each
 * past issue makes this computable; issues without one are scored on their text only.
 *
 * <p>A cause a person confirmed counts more than one the analysis only proposed: the full 20 go to a top cause
 * labelled {@code feedback:correct} and to a category a person named ({@code feedback:category:<id>}); an
 * unconfirmed top cause gets {@link #ROOT_CAUSE_UNCONFIRMED}, and the stored categories of an analysis marked
 * {@code feedback:wrong} get nothing.
 */
public final class SimilarityScorer {
  public static final int SERVICE = 40;
  public static final int SYMPTOMS = 30;
  public static final int ROOT_CAUSE = 20;
  /** The same category as a past top cause nobody has confirmed yet. */
  public static final int ROOT_CAUSE_UNCONFIRMED = 15;
  /** The same category as a past secondary cause (never confirmed: feedback confirms the top cause). */
  public static final int ROOT_CAUSE_SECONDARY = 10;
  public static final int TECH_STACK = 10;

  /** Symptom overlap saturates here: ten shared terms is as similar as symptoms get in a short description. */
  private static final int SYMPTOM_TERMS_FOR_FULL_SCORE = 10;
  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Set<String> STOPWORDS = Set.of(
      "the", "and", "for", "with", "from", "was", "were", "are", "has", "had", "not", "than", "that", "this", "into",
      "over", "alarm", "incident", "issue");
  private static final Map<RootCauseCategory, List<String>> CATEGORY_KEYWORDS = keywords();

  public record Score(int total, int service, int symptoms, int rootCause, int techStack) {}

  public record Match(PastIncident incident, Score score) {}

  public List<Match> rank(SimilarityQuery query, List<PastIncident> past, int limit) {
    return past.stream()
        .map(p -> new Match(p, score(query, p)))
        .filter(m -> m.score().total() > 0)
        .sorted(Comparator.comparingInt((Match m) -> m.score().total()).reversed()
            .thenComparing(m -> m.incident().closedAt(), Comparator.nullsLast(Comparator.reverseOrder())))
        .limit(limit)
        .toList();
  }

  public Score score(SimilarityQuery query, PastIncident past) {
    AnalysisResult analysis = past.analysis().orElse(null);
    Set<String> queryTerms = terms(join(query.symptoms(), query.service()));
    int service = serviceScore(query, past, analysis);
    int symptoms = symptomScore(terms(query.symptoms()), past, analysis);
    int rootCause = rootCauseScore(query, Feedback.of(past.labels()), analysis);
    int techStack = techStackScore(query, queryTerms, analysis);
    return new Score(service + symptoms + rootCause + techStack, service, symptoms, rootCause, techStack);
  }

  /** The category the symptoms point to, or null when no keyword matches or two categories tie. */
  public static RootCauseCategory inferCategory(String symptoms) {
    if (symptoms == null || symptoms.isBlank()) {
      return null;
    }
    String text = symptoms.toLowerCase(Locale.ROOT);
    RootCauseCategory best = null;
    int bestHits = 0;
    boolean tie = false;
    for (Map.Entry<RootCauseCategory, List<String>> e : CATEGORY_KEYWORDS.entrySet()) {
      int hits = (int) e.getValue().stream().filter(text::contains).count();
      if (hits > bestHits) {
        best = e.getKey();
        bestHits = hits;
        tie = false;
      } else if (hits > 0 && hits == bestHits) {
        tie = true;
      }
    }
    return tie ? null : best;
  }

  private int serviceScore(SimilarityQuery query, PastIncident past, AnalysisResult analysis) {
    int score = 0;
    if (query.alarmName() != null && !query.alarmName().isBlank()) {
      String label = LabelPolicy.alarmLabel(query.alarmName());
      if (past.labels().stream().anyMatch(label::equalsIgnoreCase)) {
        score = SERVICE;
      }
    }
    String service = normalizeService(query.service());
    if (service == null) {
      return score;
    }
    List<String> components = analysis == null || analysis.affectedComponents() == null ? List.of() : analysis.affectedComponents();
    for (String component : components) {
      String c = normalizeService(component);
      if (service.equals(c)) {
        return SERVICE;
      }
      if (c != null && (tokenPrefix(c, service) || tokenPrefix(service, c))) {
        score = Math.max(score, SERVICE / 2);
      }
    }
    if (score == 0 && terms(join(past.title(), analysis == null ? past.body() : analysis.summary())).containsAll(terms(service))) {
      score = SERVICE / 2;
    }
    return score;
  }

  private int symptomScore(Set<String> queryTerms, PastIncident past, AnalysisResult analysis) {
    if (queryTerms.isEmpty()) {
      return 0;
    }
    Set<String> pastTerms = terms(past.title());
    if (analysis == null) {
      pastTerms.addAll(terms(past.body()));
    } else {
      pastTerms.addAll(terms(join(analysis.summary(), analysis.incidentType())));
      for (ProbableCause cause : nullSafe(analysis.causes())) {
        pastTerms.addAll(terms(join(cause.title(), cause.description())));
        for (EvidenceRef ev : nullSafe(cause.evidence())) {
          pastTerms.addAll(terms(join(ev.signal(), ev.observation())));
        }
      }
    }
    long shared = queryTerms.stream().filter(pastTerms::contains).count();
    double ratio = Math.min(1.0, shared / (double) Math.min(queryTerms.size(), SYMPTOM_TERMS_FOR_FULL_SCORE));
    return (int) Math.round(SYMPTOMS * ratio);
  }

  private int rootCauseScore(SimilarityQuery query, Feedback feedback, AnalysisResult analysis) {
    RootCauseCategory current = query.category() != null ? query.category() : inferCategory(query.symptoms());
    if (current == null || current == RootCauseCategory.UNKNOWN) {
      return 0;
    }
    if (feedback.corrected().isPresent()) {
      // A person named the real cause; it holds even for an issue without an analysis block.
      return feedback.corrected().get() == current ? ROOT_CAUSE : 0;
    }
    if (analysis == null || feedback.wrong()) {
      return 0;
    }
    if (analysis.topCategory() == current) {
      return feedback.correct() ? ROOT_CAUSE : ROOT_CAUSE_UNCONFIRMED;
    }
    // A confirmed top cause rules the other candidates out.
    return !feedback.correct() && nullSafe(analysis.causes()).stream().anyMatch(c -> c.category() == current) ? ROOT_CAUSE_SECONDARY : 0;
  }

  private int techStackScore(SimilarityQuery query, Set<String> queryTerms, AnalysisResult analysis) {
    if (analysis == null || analysis.techStack() == null || analysis.techStack().isEmpty()) {
      return 0;
    }
    Set<String> pastStack = new HashSet<>();
    analysis.techStack().forEach(s -> pastStack.add(s.strip().toLowerCase(Locale.ROOT)));
    if (query.techStack().isEmpty()) {
      // Without an explicit stack, a past stack entry named in the symptoms or service still counts.
      return pastStack.stream().anyMatch(s -> !terms(s).isEmpty() && queryTerms.containsAll(terms(s))) ? TECH_STACK : 0;
    }
    long shared = query.techStack().stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(pastStack::contains).count();
    return (int) Math.round(TECH_STACK * (double) shared / query.techStack().size());
  }

  /**
   * Lower-case words; Hangul words also contribute their two-syllable pieces so that "사용률이" matches
   * "사용률" despite the attached particle.
   */
  static Set<String> terms(String text) {
    Set<String> out = new HashSet<>();
    if (text == null) {
      return out;
    }
    for (String word : NON_WORD.split(text.toLowerCase(Locale.ROOT))) {
      if (word.isEmpty() || STOPWORDS.contains(word)) {
        continue;
      }
      if (isHangul(word)) {
        if (word.length() <= 2) {
          out.add(word);
        }
        for (int i = 0; i + 2 <= word.length(); i++) {
          out.add(word.substring(i, i + 2));
        }
      } else if (word.length() >= 2) {
        out.add(word);
      }
    }
    return out;
  }

  private static boolean isHangul(String word) {
    return word.codePoints().allMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HANGUL);
  }

  private static String normalizeService(String service) {
    if (service == null || service.isBlank()) {
      return null;
    }
    String s = service.strip().toLowerCase(Locale.ROOT);
    int slash = s.lastIndexOf('/');
    return slash >= 0 ? s.substring(slash + 1) : s;
  }

  /** "checkout" is a prefix of "checkout-api" at a word boundary; "check" is not a prefix of "checkout". */
  private static boolean tokenPrefix(String longer, String shorter) {
    return longer.length() > shorter.length() && longer.startsWith(shorter)
        && !Character.isLetterOrDigit(longer.charAt(shorter.length()));
  }

  private static String join(String a, String b) {
    return (a == null ? "" : a) + " " + (b == null ? "" : b);
  }

  private static <T> List<T> nullSafe(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static Map<RootCauseCategory, List<String>> keywords() {
    Map<RootCauseCategory, List<String>> m = new EnumMap<>(RootCauseCategory.class);
    m.put(RootCauseCategory.CPU_STRESS_WORKLOAD, List.of("cpu", "throttl", "stress"));
    m.put(RootCauseCategory.BAD_IMAGE_ROLLOUT, List.of("imagepullbackoff", "errimagepull", "image pull", "이미지"));
    m.put(RootCauseCategory.SCALED_TO_ZERO, List.of("scaled to zero", "replicas 0", "0 replicas", "no endpoints", "레플리카 0"));
    m.put(RootCauseCategory.MEMORY_LEAK_OOM, List.of("oom", "memory", "메모리"));
    m.put(RootCauseCategory.NODE_SATURATION, List.of("node saturation", "diskpressure", "memorypressure", "노드 포화"));
    m.put(RootCauseCategory.APP_ERROR_AFTER_DEPLOY, List.of("after deploy", "exception", "배포 후"));
    m.put(RootCauseCategory.DEPENDENCY_FAILURE, List.of("connection refused", "upstream", "dependency", "의존"));
    m.put(RootCauseCategory.CONFIG_ERROR, List.of("configmap", "misconfig", "설정 오류"));
    m.put(RootCauseCategory.TRAFFIC_SURGE, List.of("traffic", "surge", "트래픽"));
    return m;
  }
}
