-- What a MAUDE search counts, kept beside the narrative index (0008) so that counting, facets
-- and trends over a million reports never read the reports themselves, whose rows carry kilobytes
-- of JSON. Like the index, all of it is derived from maude_reports and maude_devices and rebuilt
-- from them; none of it is ever edited.
--
-- A group is the reports alike in everything the search filters and counts by: the first
-- device's manufacturer, brand, model, generic name and product code, the month received and the
-- event type, with how many reports it holds. A search without narrative words reads the groups
-- alone; one with words counts its hits per group. Names are numbered once in
-- maude_search_names, as spelt (0 is no name; '' no product code, month or event type), so
-- that a group stays a few integers.
CREATE TABLE `maude_search_names` (
	`id` integer PRIMARY KEY,
	`value` text NOT NULL UNIQUE
);
--> statement-breakpoint
CREATE TABLE `maude_search_groups` (
	`id` integer PRIMARY KEY,
	`maker` integer NOT NULL,
	`brand` integer NOT NULL,
	`model` integer NOT NULL,
	`generic` integer NOT NULL,
	`product_code` text NOT NULL,
	`month` text NOT NULL,
	`event_type` text NOT NULL,
	`reports` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `maude_search_groups_key` ON `maude_search_groups` (`maker`, `brand`, `model`, `generic`, `product_code`, `month`, `event_type`);
--> statement-breakpoint
CREATE INDEX `maude_search_groups_brand` ON `maude_search_groups` (`brand`);
--> statement-breakpoint
CREATE INDEX `maude_search_groups_model` ON `maude_search_groups` (`model`);
--> statement-breakpoint
CREATE INDEX `maude_search_groups_product_code` ON `maude_search_groups` (`product_code`);
--> statement-breakpoint
-- How far through maude_reports (by rowid) the index has read: reports are only ever appended
-- or revised in place, so those past it are the new ones, and finding them costs one lookup
-- instead of a count of the whole table. `version` moves with every change to the index, for
-- what is kept in memory from it.
CREATE TABLE `maude_search_state` (
	`id` integer PRIMARY KEY CHECK (`id` = 1),
	`indexed_through` integer NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `maude_search_state` (`id`, `indexed_through`, `version`) VALUES (1, 0, 0);
--> statement-breakpoint
-- Each indexed report gets its day received and its group; the index built before this had
-- neither, so it is made anew and built again on its next refresh. Dropped, not emptied: deleting
-- a million documents from FTS5 one by one would hold up the start for minutes.
DROP TABLE `maude_search`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `maude_search` USING fts5(
	narrative,
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
DROP TABLE `maude_search_ids`;
--> statement-breakpoint
CREATE TABLE `maude_search_ids` (
	`id` integer PRIMARY KEY,
	`report_key` text NOT NULL UNIQUE,
	`received` text,
	`group_id` integer
);
--> statement-breakpoint
DELETE FROM `maude_search_pending`;
--> statement-breakpoint
CREATE INDEX `maude_search_ids_group` ON `maude_search_ids` (`group_id`, `received`);
--> statement-breakpoint
CREATE INDEX `maude_search_ids_received` ON `maude_search_ids` (`received`);
--> statement-breakpoint
-- SQLite gives a new row the largest rowid plus one, so removing the last report lets the next
-- one take its rowid, which the index has already read past: step back so it is read again.
CREATE TRIGGER `maude_search_rowid_reuse` AFTER DELETE ON `maude_reports`
WHEN old.rowid > coalesce((SELECT max(rowid) FROM `maude_reports`), 0)
BEGIN
	UPDATE `maude_search_state`
	SET `indexed_through` = min(`indexed_through`, coalesce((SELECT max(rowid) FROM `maude_reports`), 0));
END;
