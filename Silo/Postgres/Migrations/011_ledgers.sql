-- Ledgers (Grains/Ledgers/ILedgerStore.cs, Silo/Postgres/PostgresLedgerStore.cs): a grain state
-- in two parts written in one statement, a header rewritten on every write and entries of which
-- a write carries only those that changed. The header's version fences the entries too: a write
-- changes entries only when its header write landed. The inventory is the first: it kept every
-- order's hold inside one grain state, rewritten whole on each reservation.
CREATE TABLE IF NOT EXISTS ledgers
(
    service_id text        NOT NULL,
    ledger     text        NOT NULL,
    version    integer     NOT NULL,
    header     bytea       NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, ledger)
);

CREATE TABLE IF NOT EXISTS ledger_entries
(
    service_id text  NOT NULL,
    ledger     text  NOT NULL,
    entry_key  text  NOT NULL,
    payload    bytea NOT NULL,
    PRIMARY KEY (service_id, ledger, entry_key)
);
