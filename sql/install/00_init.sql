-- @area Extension
-- palliative: analytics of palliative-care networks on PostGIS.
-- This install script is assembled from sql/install/*.sql in name order.

\echo Use "CREATE EXTENSION palliative CASCADE" to load this file. \quit

COMMENT ON SCHEMA palliative IS
'palliative-care network analytics: facility capability profiles, floating-catchment coverage and regional gaps.';
