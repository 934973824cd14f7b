/**
 * rag-eval: measuring retrieval and answers.
 *
 * <ul>
 *   <li><b>Datasets</b>: {@link dev.ragops.eval.BeirDataset} reads the BEIR layout; {@link
 *       dev.ragops.eval.Qrels} holds graded judgments.
 *   <li><b>Retrieval metrics</b>, exactly as trec_eval: {@link dev.ragops.eval.Run} (trec_eval
 *       ordering, TREC run export), {@link dev.ragops.eval.Metric}, {@link
 *       dev.ragops.eval.RetrievalMetrics}, {@link dev.ragops.eval.MetricsReport}.
 *   <li><b>Regression specs</b>: {@link dev.ragops.eval.RegressionSpec} (YAML) and {@link
 *       dev.ragops.eval.Verdict} (OK / OKISH / FAIL).
 *   <li><b>Faithfulness</b>: the {@link dev.ragops.eval.FaithfulnessJudge} seam with {@link
 *       dev.ragops.eval.OfflineJudge} ({@link dev.ragops.eval.SupportFeatures}, {@link
 *       dev.ragops.eval.Calibration}) and {@link dev.ragops.eval.LlmJudge} ({@link
 *       dev.ragops.eval.ChatCompletions}, {@link dev.ragops.eval.LlmUsage}); served at {@code POST
 *       /v1/faithfulness} by {@link dev.ragops.eval.FaithfulnessController}.
 *   <li><b>Golden sets with lineage</b>: {@link dev.ragops.eval.GoldenSets}, {@link
 *       dev.ragops.eval.Lineage} (content hashes, stale cases), {@link
 *       dev.ragops.eval.QueryPromotion} (query log to cases), {@link dev.ragops.eval.DatasetStore}.
 *   <li><b>Eval runs</b>: {@link dev.ragops.eval.EvalRuns} (entry type for schedules and the
 *       quality gate: {@code runNow}), {@link dev.ragops.eval.CaseScore}, {@link
 *       dev.ragops.eval.RunComparison}, {@link dev.ragops.eval.RunStore}; tuning by {@link
 *       dev.ragops.eval.Tuning} with {@link dev.ragops.eval.CrossValidation}, stored as {@link
 *       dev.ragops.eval.CollectionDefaults}.
 *   <li><b>Traces</b>: {@link dev.ragops.eval.Traces}, scored by jobs of the job engine.
 *   <li><b>Jobs</b>: runs, tunings and trace scoring started over HTTP run on the job engine
 *       (JobRunr) on a worker, keyed by their row's id: {@link dev.ragops.eval.EvalRunJob}, {@link
 *       dev.ragops.eval.TuningJob}, {@link dev.ragops.eval.TraceScoringJob}, with the attempt rules
 *       of {@link dev.ragops.eval.JobAttempts}.
 *   <li><b>CLI</b>: {@link dev.ragops.eval.Evaluator}, the module's entry type, runs {@code eval}
 *       and {@code faithfulness} against a server it is handed.
 * </ul>
 */
package dev.ragops.eval;
