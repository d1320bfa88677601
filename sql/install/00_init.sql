-- @area Extension
-- palliative: analytics of palliative-care networks on PostGIS.
-- This install script is assembled from sql/install/*.sql in name order.

\echo Use "CREATE EXTENSION palliative CASCADE" to load this file. \quit

-- Names in this script resolve in pg_catalog only: everything else is
-- written with its schema (palliative., public. for PostGIS), so objects
-- planted in public or in a pre-created schema are never picked up.  CREATE
-- EXTENSION restores the caller's search_path when the script ends (LOCAL:
-- a plain SET would outlive the script).
SET LOCAL search_path = pg_catalog, pg_temp;

COMMENT ON SCHEMA palliative IS
'palliative-care network analytics: facility capability profiles, floating-catchment coverage and regional gaps.';
