-- How many partitions each stream provider's queues were last started with
-- (Silo/Postgres/Streams/PartitionCountCheck.cs). A stream's queue follows from the count, so
-- events queued under one count are read by no one, or out of order, under another: a silo
-- refuses to start with a different count while any are queued.
CREATE TABLE IF NOT EXISTS stream_partitions
(
    queue_prefix text    PRIMARY KEY,
    partitions   integer NOT NULL
);
