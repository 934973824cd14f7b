package dev.ragops.retrieval;

import dev.ragops.model.ScoredChunk;
import java.util.ArrayList;
import java.util.List;

/** Combines the keyword and vector legs, each best first, into one list, best first. */
interface Fusion {

  List<FusedHit> fuse(List<ScoredChunk> keyword, List<ScoredChunk> vector);

  /** The fused list of one leg alone, keeping its scores and ranks. */
  static List<FusedHit> single(List<ScoredChunk> hits, boolean keywordLeg) {
    var fused = new ArrayList<FusedHit>(hits.size());
    for (int i = 0; i < hits.size(); i++) {
      var hit = hits.get(i);
      fused.add(
          keywordLeg
              ? new FusedHit(hit.chunk(), hit.score(), hit.score(), i + 1, null, null)
              : new FusedHit(hit.chunk(), hit.score(), null, null, hit.score(), i + 1));
    }
    return fused;
  }
}
