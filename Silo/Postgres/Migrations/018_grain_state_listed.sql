-- The lists a grain's state is an entry of (Grains/Lists/IListedState.cs), written by the
-- statement that writes its state: an order is one of its customer's orders for good and one of
-- its restaurant's pending orders while it waits for the answer. Each was a row of grain_lists,
-- added (and for the pending ones taken off) beside the order's write. An index entry cannot
-- disagree with the state and needs no statement of its own to add or take off, though sized
-- alone it costs PostgreSQL nearly what a row did (docs/performance.md, "PostgreSQL's side,
-- sized by itself"). Both indexes hold only the states that are an entry of a list. created_at orders a list by first write; the
-- rows from before have none (a volatile default here would rewrite the table), and the entries an
-- earlier version kept for them stay rows of grain_lists, read beside these.
ALTER TABLE grain_state
    ADD COLUMN listed_in text COLLATE "C",
    ADD COLUMN waiting_in text COLLATE "C",
    ADD COLUMN created_at timestamptz;
ALTER TABLE grain_state ALTER COLUMN created_at SET DEFAULT clock_timestamp();
CREATE INDEX grain_state_listed ON grain_state (service_id, listed_in) WHERE listed_in IS NOT NULL;
CREATE INDEX grain_state_waiting ON grain_state (service_id, waiting_in) WHERE waiting_in IS NOT NULL;
