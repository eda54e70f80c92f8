-- When a grain must next be woken (an order's timeout or its next payment ask), written by the
-- statement that writes its state; the silos' wake sweeper reads the due ones through the index,
-- which holds only the states that have a wake time (open orders).
ALTER TABLE grain_state ADD COLUMN wake_at timestamptz;
CREATE INDEX grain_state_wake ON grain_state (service_id, state_name, wake_at) WHERE wake_at IS NOT NULL;
