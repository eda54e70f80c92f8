-- Sets of ids a grain keeps one row per member (Silo/Postgres/PostgresIdSets.cs), so a change
-- writes one small row instead of the grain's whole state: a restaurant's pending orders.
CREATE TABLE IF NOT EXISTS id_sets
(
    service_id text NOT NULL,
    set_name   text NOT NULL,
    member     text NOT NULL,
    PRIMARY KEY (service_id, set_name, member)
);
