-- The same eleven orders as one journal row holding every state (about 6 KB, not
-- compressed), and a narrow row per order saying where its state is and when it wakes.
WITH batch AS (
    SELECT grain_id, repeat('x', 530)::bytea AS payload
    FROM (SELECT 'order/' || gen_random_uuid() AS grain_id FROM generate_series(1, 11)) AS new_orders),
appended AS (INSERT INTO journal (payload) SELECT string_agg(payload, '') FROM batch RETURNING id),
located AS (
    INSERT INTO journal_orders (grain_id, batch, wake_at) SELECT grain_id, id, now() + interval '15 minutes' FROM batch, appended
    ON CONFLICT DO NOTHING
    RETURNING grain_id)
SELECT count(*) FROM located;
