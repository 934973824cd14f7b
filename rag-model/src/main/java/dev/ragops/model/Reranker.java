package dev.ragops.model;

import java.util.List;

/** Scores how well each passage answers a query, for reordering the top hits; higher is better. */
public interface Reranker {

  /** A name for explanations and logs, e.g. the model file. */
  String name();

  /** One score per passage, in input order. */
  double[] score(String query, List<String> passages);
}
