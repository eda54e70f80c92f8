-- Lists that grains keep one row per entry (Silo/Postgres/PostgresListStore.cs), so a change
-- writes one small row instead of the grain's whole state: a customer's orders and inbox, a
-- restaurant's pending orders. Position keeps each list's entries in the order they came.
CREATE TABLE IF NOT EXISTS grain_lists
(
    service_id text   NOT NULL,
    list_name  text   NOT NULL,
    entry_key  text   NOT NULL,
    position   bigint GENERATED ALWAYS AS IDENTITY,
    payload    bytea  NOT NULL,
    PRIMARY KEY (service_id, list_name, entry_key)
);
