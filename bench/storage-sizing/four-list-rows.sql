-- The same eleven orders as they were stored until session 33: each one state row with its wake
-- time and four list rows (its customer's orders, two inbox entries, its restaurant's pending
-- orders), upserted as GrainStateSql.Write then did.
WITH batch AS (
    SELECT grain_id, 'customer/' || (random() * 10000)::int AS customer, repeat('x', 530)::bytea AS payload
    FROM (SELECT 'order/' || gen_random_uuid() AS grain_id FROM generate_series(1, 11)) AS new_orders),
written AS (
    INSERT INTO grain_state AS g (service_id, state_name, grain_id, version, payload, wake_at)
    SELECT 'orders', 'order', grain_id, 1, payload, now() + interval '15 minutes' FROM batch
    ON CONFLICT (service_id, state_name, grain_id) DO UPDATE
    SET version = excluded.version, payload = excluded.payload, wake_at = excluded.wake_at, written_at = now()
    WHERE g.version = excluded.version - 1
    RETURNING g.grain_id),
listed AS (
    INSERT INTO grain_lists (service_id, list_name, entry_key, payload)
    SELECT 'orders', b.customer || list.suffix, w.grain_id || list.entry, repeat('y', 120)::bytea
    FROM written AS w JOIN batch AS b USING (grain_id)
    CROSS JOIN (VALUES ('/orders', ''), ('/inbox', '/placed'), ('/inbox', '/paid'), ('/pending', '')) AS list(suffix, entry)
    ON CONFLICT DO NOTHING)
SELECT count(*) FROM written;
