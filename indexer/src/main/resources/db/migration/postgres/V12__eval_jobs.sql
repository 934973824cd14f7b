-- PostgreSQL mode. Keep in step with ../h2/V12__eval_jobs.sql.
-- Eval runs, tunings and trace scoring run on the job engine (JobRunr), which runs a job again
-- when its worker died or it failed transiently. Each run of the job counts one attempt here; a
-- row that used up its attempts ends failed with the reason instead of staying running.
ALTER TABLE eval_runs ADD COLUMN attempts INT DEFAULT 0 NOT NULL;
ALTER TABLE eval_tunings ADD COLUMN attempts INT DEFAULT 0 NOT NULL;
ALTER TABLE eval_traces ADD COLUMN attempts INT DEFAULT 0 NOT NULL;
