-- The same eleven orders, each its state row alone: what a layout whose lists are read from the
-- orders' own rows would write.
WITH written AS (
    INSERT INTO grain_state AS g (service_id, state_name, grain_id, version, payload)
    SELECT 'orders', 'order', 'order/' || gen_random_uuid(), 1, repeat('x', 530)::bytea FROM generate_series(1, 11)
    ON CONFLICT (service_id, state_name, grain_id) DO UPDATE
    SET version = excluded.version, payload = excluded.payload, written_at = now()
    WHERE g.version = excluded.version - 1
    RETURNING g.grain_id)
SELECT count(*) FROM written;
