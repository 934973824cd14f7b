-- Searches are charged in aggregated rows (one per collection, key and model each flush), so a row
-- stands for `events` searches; ingest rows stay one per document.
ALTER TABLE usage_events ADD COLUMN events INT NOT NULL DEFAULT 1;
