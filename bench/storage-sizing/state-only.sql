-- The same eleven orders, each its state row alone: what a layout whose lists are read from the
-- orders' own rows would write.
WITH batch AS (
    SELECT grain_id, repeat('x', 530)::bytea AS payload
    FROM (SELECT 'order/' || gen_random_uuid() AS grain_id FROM generate_series(1, 11)) AS new_orders),
written AS (
    INSERT INTO grain_state AS g (service_id, state_name, grain_id, version, payload, wake_at)
    SELECT 'orders', 'order', grain_id, 1, payload, now() + interval '15 minutes' FROM batch
    ON CONFLICT (service_id, state_name, grain_id) DO UPDATE
    SET version = excluded.version, payload = excluded.payload, wake_at = excluded.wake_at, written_at = now()
    WHERE g.version = excluded.version - 1
    RETURNING g.grain_id)
SELECT count(*) FROM written;
