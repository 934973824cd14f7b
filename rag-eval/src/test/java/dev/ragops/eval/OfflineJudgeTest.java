package dev.ragops.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The offline judge with the real embedding model. */
class OfflineJudgeTest {

  static final List<String> CONTEXTS =
      List.of(
          "The Oberoi family is an Indian family that is famous for its involvement in hotels,"
              + " namely through The Oberoi Group.The Oberoi Group is a hotel company with its head"
              + " office in Delhi.",
          "Founded in 1934, the group operates 31 luxury hotels in seven countries.");
  static final String QUESTION =
      "The Oberoi family is part of a hotel company that has a head office in what city?";

  private final OfflineJudge judge = new OfflineJudge(RealEmbedder.get());

  @Test
  void supportedAnswerScoresHighAndEverySentenceIsSupported() {
    var judgement =
        judge.judge(
            QUESTION,
            "The Oberoi Group has its head office in Delhi. It was founded in 1934.",
            CONTEXTS);
    assertThat(judgement.judge()).isEqualTo("offline");
    assertThat(judgement.score()).isGreaterThan(0.7);
    assertThat(judgement.faithful()).isTrue();
    assertThat(judgement.sentences()).hasSize(2).allMatch(Judgement.Sentence::supported);
  }

  @Test
  void inventedNamesAndNumbersAreUnsupported() {
    var judgement = judge.judge(QUESTION, "Mumbai, the financial capital of India.", CONTEXTS);
    assertThat(judgement.score()).isLessThan(0.3);
    assertThat(judgement.faithful()).isFalse();
  }

  @Test
  void listsTheUnsupportedSentenceOfALongerAnswer() {
    var judgement =
        judge.judge(
            QUESTION,
            "The Oberoi Group has its head office in Delhi. It was founded by Walt Disney in 1955 in Paris.",
            CONTEXTS);
    assertThat(judgement.unsupported())
        .containsExactly("It was founded by Walt Disney in 1955 in Paris.");
    assertThat(judgement.sentences().get(0).supported()).isTrue();
  }

  @Test
  void restatingTheQuestionNeitherHelpsNorHurts() {
    double shortAnswer = judge.judge(QUESTION, "Delhi", CONTEXTS).score();
    double sentence =
        judge
            .judge(
                QUESTION,
                "The hotel company the Oberoi family is part of has its head office in Delhi.",
                CONTEXTS)
            .score();
    assertThat(sentence).isCloseTo(shortAnswer, org.assertj.core.data.Offset.offset(0.1));
  }

  @Test
  void rejectsEmptyAnswersAndContexts() {
    assertThatThrownBy(() -> judge.judge(QUESTION, " ", CONTEXTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("answer");
    assertThatThrownBy(() -> judge.judge(QUESTION, "Delhi", List.of("", " ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("contexts");
  }
}
