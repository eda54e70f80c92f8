-- A product's open orders are no longer listed: an open order takes its products' updates from
-- its silo's product cache as each call to it begins (Grains/Orders/OrderGrain.Products.cs).
-- The rows the earlier versions kept are removed once.
DELETE FROM grain_lists WHERE list_name LIKE 'product/%/open-orders';
