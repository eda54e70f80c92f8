-- Grain state, written by the project's own storage (Silo/Postgres/PostgresGrainStorage.cs).
-- Keyed by the full grain id string: the upstream ADO.NET storage parses string keys that
-- look like hex numbers as integers, so '020235' and '20235' would share a row there.
CREATE TABLE IF NOT EXISTS grain_state
(
    service_id text        NOT NULL,
    state_name text        NOT NULL,
    grain_id   text        NOT NULL,
    version    integer     NOT NULL,
    payload    bytea       NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, state_name, grain_id)
);
