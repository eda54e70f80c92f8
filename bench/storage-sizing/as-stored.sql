-- Eleven new orders (the batch a silo's grain-state write carries at the peak), each one state
-- row and four list rows, upserted as GrainStateSql.Write does.
WITH batch AS (SELECT 'order/' || gen_random_uuid() AS grain_id, 'customer/' || (random() * 10000)::int AS customer FROM generate_series(1, 11)),
written AS (
    INSERT INTO grain_state AS g (service_id, state_name, grain_id, version, payload)
    SELECT 'orders', 'order', grain_id, 1, repeat('x', 530)::bytea FROM batch
    ON CONFLICT (service_id, state_name, grain_id) DO UPDATE
    SET version = excluded.version, payload = excluded.payload, written_at = now()
    WHERE g.version = excluded.version - 1
    RETURNING g.grain_id),
listed AS (
    INSERT INTO grain_lists (service_id, list_name, entry_key, payload)
    SELECT 'orders', b.customer || list.suffix, w.grain_id || list.entry, repeat('y', 120)::bytea
    FROM written AS w JOIN batch AS b USING (grain_id)
    CROSS JOIN (VALUES ('/orders', ''), ('/inbox', '/placed'), ('/inbox', '/paid'), ('/pending', '')) AS list(suffix, entry)
    ON CONFLICT DO NOTHING)
SELECT count(*) FROM written;
