-- API keys (server module, AuthFilter). Keep in step with ../h2/V5__api_keys.sql.
-- Only the SHA-256 of a key is stored; the key itself is shown once, when it is created.
CREATE TABLE api_keys (
  id          UUID PRIMARY KEY,
  name        VARCHAR(128) NOT NULL,
  key_hash    CHAR(64) NOT NULL UNIQUE,
  -- the key's first characters, to recognise it in listings
  key_prefix  VARCHAR(16) NOT NULL,
  -- comma-separated collection names, or *
  collections VARCHAR(8192) NOT NULL,
  -- comma-separated: search, ingest, eval, admin
  actions     VARCHAR(64) NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL,
  revoked_at  TIMESTAMPTZ
);
