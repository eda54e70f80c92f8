-- The same eleven orders as one journal row holding every state, and a narrow row per order that
-- says where its state is.
WITH batch AS (SELECT 'order/' || gen_random_uuid() AS grain_id FROM generate_series(1, 11)),
appended AS (INSERT INTO journal (payload) SELECT string_agg(repeat('x', 530), '')::bytea FROM batch RETURNING id),
located AS (
    INSERT INTO journal_orders (grain_id, batch) SELECT grain_id, id FROM batch, appended
    ON CONFLICT DO NOTHING
    RETURNING grain_id)
SELECT count(*) FROM located;
