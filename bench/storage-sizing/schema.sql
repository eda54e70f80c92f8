-- The grain-state and grain-list tables as the migrations leave them (their indexes included),
-- filled as a run of some minutes leaves them; and the two tables of a journal layout, whose
-- orders keep their wake time beside where their state is.
CREATE TABLE grain_state (
    service_id text COLLATE "C" NOT NULL, state_name text COLLATE "C" NOT NULL, grain_id text COLLATE "C" NOT NULL,
    version bigint NOT NULL, payload bytea NOT NULL, wake_at timestamptz, written_at timestamptz NOT NULL DEFAULT now(),
    listed_in text COLLATE "C", waiting_in text COLLATE "C", created_at timestamptz DEFAULT clock_timestamp(),
    PRIMARY KEY (service_id, state_name, grain_id));
CREATE INDEX grain_state_wake ON grain_state (service_id, state_name, wake_at) WHERE wake_at IS NOT NULL;
CREATE INDEX grain_state_listed ON grain_state (service_id, listed_in) WHERE listed_in IS NOT NULL;
CREATE INDEX grain_state_waiting ON grain_state (service_id, waiting_in) WHERE waiting_in IS NOT NULL;
CREATE TABLE grain_lists (
    service_id text COLLATE "C" NOT NULL, list_name text COLLATE "C" NOT NULL, entry_key text COLLATE "C" NOT NULL,
    position bigint GENERATED ALWAYS AS IDENTITY, payload bytea NOT NULL,
    PRIMARY KEY (service_id, list_name, entry_key));
CREATE TABLE journal (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, payload bytea NOT NULL);
-- Stored as it comes, out of line: the batch's states would not compress to nothing, as the
-- script's repeated bytes would.
ALTER TABLE journal ALTER COLUMN payload SET STORAGE EXTERNAL;
CREATE TABLE journal_orders (grain_id text COLLATE "C" PRIMARY KEY, batch bigint NOT NULL, wake_at timestamptz);
CREATE INDEX journal_orders_wake ON journal_orders (wake_at) WHERE wake_at IS NOT NULL;

-- Every order listed with its customer, one in fifty still waiting on its restaurant.
INSERT INTO grain_state (service_id, state_name, grain_id, version, payload, listed_in, waiting_in)
SELECT 'orders', 'order', 'order/' || md5(i::text), 1, repeat('x', 530)::bytea, 'customer/' || (i % 10000) || '/orders',
    CASE WHEN i % 50 = 0 THEN 'restaurant/' || (i % 100) || '/pending' END
FROM generate_series(1, 300000) AS i;
INSERT INTO grain_lists (service_id, list_name, entry_key, payload)
SELECT 'orders', 'customer/' || (i % 10000) || '/orders', md5(i::text), repeat('y', 120)::bytea FROM generate_series(1, 1200000) AS i;
INSERT INTO journal_orders SELECT 'order/' || md5(i::text), i / 11 FROM generate_series(1, 300000) AS i;
VACUUM ANALYZE;
