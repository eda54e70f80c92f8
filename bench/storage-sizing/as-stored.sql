-- Eleven new orders (the batch a silo's grain-state write carries at the peak), as they are stored
-- since session 34: each one state row with its wake time and the lists it names (its customer's
-- orders; its restaurant's pending orders, as a paid order waiting for the answer), which keeps its
-- two notifications (placed, paid) in its payload, upserted as GrainStateSql.Write does (its queue
-- and list CTEs, which write nothing when an order is placed, left out). A state is 935 bytes, as
-- an order's serialized state is with its two notifications.
WITH batch AS (
    SELECT grain_id, (random() * 10000)::int AS customer, (random() * 100)::int AS restaurant, repeat('x', 935)::bytea AS payload
    FROM (SELECT 'order/' || gen_random_uuid() AS grain_id FROM generate_series(1, 11)) AS new_orders)
INSERT INTO grain_state AS g (service_id, state_name, grain_id, version, payload, wake_at, listed_in, waiting_in)
SELECT 'orders', 'order', grain_id, 1, payload, now() + interval '15 minutes',
    'customer/' || customer || '/orders', 'restaurant/' || restaurant || '/pending'
FROM batch
ON CONFLICT (service_id, state_name, grain_id) DO UPDATE
SET version = excluded.version, payload = excluded.payload, wake_at = excluded.wake_at,
    listed_in = excluded.listed_in, waiting_in = excluded.waiting_in, written_at = now()
WHERE g.version = excluded.version - 1;
