package dev.ragops.eval;

import java.util.List;
import java.util.Map;

/**
 * Per-query retrieval measures, defined exactly as trec_eval 9 defines them (files {@code
 * m_ndcg_cut.c}, {@code m_recall.c}, {@code m_P.c}, {@code m_recip_rank.c}, {@code m_map.c}, {@code
 * m_Rprec.c}), with trec_eval's default relevance level 1.
 *
 * <p>Inputs: {@code ranking} is the retrieved document ids, best first, already in trec_eval order
 * (see {@link Run#ranking}) and without duplicates; {@code grades} maps every judged document to
 * its grade. A grade of 1 or more is relevant; 0 (and negative) is not relevant. Documents missing
 * from {@code grades} are not relevant.
 *
 * <ul>
 *   <li>{@code ndcg@k}: DCG = Σ over ranks r ≤ k of grade(r) / log2(r + 1), with grades used as
 *       gains; divided by the ideal DCG of the judged grades sorted in descending order, cut at k.
 *   <li>{@code recall@k}: relevant documents in the top k / all relevant documents.
 *   <li>{@code p@k}: relevant documents in the top k / k, also when fewer than k were retrieved.
 *   <li>{@code mrr@k}: 1 / rank of the first relevant document if it is within the top k, else 0.
 *   <li>{@code map}: Σ over relevant retrieved documents of precision at their rank, divided by all
 *       relevant documents (so unretrieved relevant documents count 0).
 *   <li>{@code rprec}: relevant documents in the top R / R, R = the number of relevant documents.
 * </ul>
 *
 * A query with no relevant documents gets 0 from every measure (trec_eval does the same); {@link
 * MetricsReport} leaves such queries out of its averages.
 */
final class RetrievalMetrics {

  private RetrievalMetrics() {}

  static double ndcg(List<String> ranking, Map<String, Integer> grades, int k) {
    double dcg = 0;
    for (int i = 0; i < Math.min(k, ranking.size()); i++) {
      int gain = grade(grades, ranking.get(i));
      if (gain > 0) {
        dcg += gain / log2(i + 2);
      }
    }
    int[] ideal =
        grades.values().stream().mapToInt(Integer::intValue).filter(g -> g > 0).sorted().toArray();
    double idcg = 0;
    for (int i = 0; i < Math.min(k, ideal.length); i++) {
      idcg += ideal[ideal.length - 1 - i] / log2(i + 2);
    }
    return idcg > 0 ? dcg / idcg : 0;
  }

  static double recall(List<String> ranking, Map<String, Integer> grades, int k) {
    int relevant = relevantCount(grades);
    return relevant == 0 ? 0 : (double) relevantInTop(ranking, grades, k) / relevant;
  }

  static double precision(List<String> ranking, Map<String, Integer> grades, int k) {
    return (double) relevantInTop(ranking, grades, k) / k;
  }

  static double reciprocalRank(List<String> ranking, Map<String, Integer> grades, int k) {
    for (int i = 0; i < Math.min(k, ranking.size()); i++) {
      if (grade(grades, ranking.get(i)) >= 1) {
        return 1.0 / (i + 1);
      }
    }
    return 0;
  }

  static double averagePrecision(List<String> ranking, Map<String, Integer> grades) {
    int relevant = relevantCount(grades);
    if (relevant == 0) {
      return 0;
    }
    int found = 0;
    double sum = 0;
    for (int i = 0; i < ranking.size(); i++) {
      if (grade(grades, ranking.get(i)) >= 1) {
        found++;
        sum += (double) found / (i + 1);
      }
    }
    return sum / relevant;
  }

  static double rPrecision(List<String> ranking, Map<String, Integer> grades) {
    int relevant = relevantCount(grades);
    return relevant == 0 ? 0 : (double) relevantInTop(ranking, grades, relevant) / relevant;
  }

  static int relevantCount(Map<String, Integer> grades) {
    return (int) grades.values().stream().filter(g -> g >= 1).count();
  }

  private static int relevantInTop(List<String> ranking, Map<String, Integer> grades, int k) {
    int count = 0;
    for (int i = 0; i < Math.min(k, ranking.size()); i++) {
      if (grade(grades, ranking.get(i)) >= 1) {
        count++;
      }
    }
    return count;
  }

  private static int grade(Map<String, Integer> grades, String doc) {
    return grades.getOrDefault(doc, 0);
  }

  private static double log2(int x) {
    return Math.log(x) / Math.log(2);
  }
}
