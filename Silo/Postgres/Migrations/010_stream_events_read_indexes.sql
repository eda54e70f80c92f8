-- A read wants the oldest visible rows of its queue, and visible is two kinds of row: never read
-- (attempts = 0) and back from a reader whose visibility timeout passed (attempts > 0). With one
-- index on (queue, id) and one on (queue, visible_at) the planner had to choose: by id it stepped
-- over every row out with its reader and the dead versions reads leave (about 550 index entries
-- per read under load); by visible_at it fetched and sorted every visible row, the whole backlog
-- when consumers lag (about 3,200 per read in a flash sale). A partial index per kind gives each
-- its own order (StreamSql.Read takes both and merges them).
DROP INDEX IF EXISTS stream_events_by_queue;
DROP INDEX IF EXISTS stream_events_visible;
CREATE INDEX IF NOT EXISTS stream_events_unread ON stream_events (queue, id) WHERE attempts = 0;
CREATE INDEX IF NOT EXISTS stream_events_returned ON stream_events (queue, visible_at) WHERE attempts > 0;
