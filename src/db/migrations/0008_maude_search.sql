-- Full-text search over the narratives of every MAUDE report (event description, manufacturer
-- narrative…), one index row per report: its texts joined. Built like recall_search (0004): ids
-- of its own, so VACUUM cannot renumber what the index points at; reports added are found as
-- those without an id; triggers note only what they alone can see, a report revised or removed.
--
-- The index is brought up to date after each sync or import of the event feed, in batches with
-- progress (a million reports take minutes), and before each search, which finds it whole.
CREATE TABLE `maude_search_ids` (
	`id` integer PRIMARY KEY,
	`report_key` text NOT NULL UNIQUE
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `maude_search` USING fts5(
	narrative,
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TABLE `maude_search_pending` (
	`report_key` text PRIMARY KEY NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
-- A follow-up replaces the whole report (its raw record changes, its texts are written again).
CREATE TRIGGER `maude_search_update` AFTER UPDATE OF `raw` ON `maude_reports`
WHEN old.`raw` IS NOT new.`raw`
BEGIN
	INSERT INTO `maude_search_pending` (`report_key`)
	SELECT new.`report_key`
	WHERE new.`report_key` NOT IN (SELECT `report_key` FROM `maude_search_pending`);
END;
--> statement-breakpoint
CREATE TRIGGER `maude_search_delete` AFTER DELETE ON `maude_reports` BEGIN
	INSERT INTO `maude_search_pending` (`report_key`)
	SELECT old.`report_key`
	WHERE old.`report_key` NOT IN (SELECT `report_key` FROM `maude_search_pending`);
END;
