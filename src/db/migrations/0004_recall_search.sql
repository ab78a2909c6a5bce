-- Full-text search over every recall: its Z-number, firm, product description, reason and code
-- info. The index keeps its own copy of the text (22 MB for the 31,960 recalls, beside 74 MB): a
-- contentless index would save that, but deleting from one needs SQLite 3.43, and the sqlite3
-- tools that Debian and Python ship (3.40) could then not open the database at all.
--
-- FTS5 finds rows by rowid, and VACUUM may renumber the rowids of a table without an INTEGER
-- PRIMARY KEY such as recalls: recall_search_ids gives each indexed recall a rowid of its own.
CREATE TABLE `recall_search_ids` (
	`id` integer PRIMARY KEY,
	`product_res_number` text NOT NULL UNIQUE
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `recall_search` USING fts5(
	product_res_number,
	recalling_firm,
	product_description,
	reason_for_recall,
	code_info,
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
-- The index is brought up to date before each search (recalls/browse/search-index.ts), in one
-- statement per step. A recall added since has no recall_search_ids row: the gap is found by
-- comparing the two tables, so inserts need no trigger. Triggers note what only they can see,
-- text changed in place and recalls removed, whoever writes them (sync, bulk import, by hand).
-- (An INSERT OR REPLACE over an existing recall fires neither; Vigil never writes one.)
--
-- Why not triggers writing the FTS table row by row: FTS5 flushes its pending terms at every
-- statement inside a transaction, so each recall became a segment of its own to merge, and a
-- bulk import of the corpus took three times as long. Why no insert trigger at all: any trigger
-- that writes makes SQLite keep a statement journal for every INSERT, which alone added a third
-- to the import.
CREATE TABLE `recall_search_pending` (
	`product_res_number` text PRIMARY KEY NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `recall_search_ids` (`product_res_number`) SELECT `product_res_number` FROM `recalls`;
--> statement-breakpoint
INSERT INTO `recall_search` (rowid, product_res_number, recalling_firm, product_description, reason_for_recall, code_info)
SELECT i.`id`, r.`product_res_number`, r.`recalling_firm`, r.`product_description`, r.`reason_for_recall`, r.`code_info`
FROM `recalls` r JOIN `recall_search_ids` i ON i.`product_res_number` = r.`product_res_number`;
--> statement-breakpoint
-- Not INSERT OR IGNORE: a statement's own conflict clause (an upsert's, an INSERT OR REPLACE)
-- overrides those of the triggers it fires, so a duplicate must never be attempted.
-- A revision that changes only, say, the status leaves the index alone: most updates from a sync do.
CREATE TRIGGER `recall_search_update` AFTER UPDATE ON `recalls`
WHEN old.`product_res_number` IS NOT new.`product_res_number`
	OR old.`recalling_firm` IS NOT new.`recalling_firm`
	OR old.`product_description` IS NOT new.`product_description`
	OR old.`reason_for_recall` IS NOT new.`reason_for_recall`
	OR old.`code_info` IS NOT new.`code_info`
BEGIN
	INSERT INTO `recall_search_pending` (`product_res_number`)
	SELECT k FROM (SELECT old.`product_res_number` AS k UNION SELECT new.`product_res_number`)
	WHERE k NOT IN (SELECT `product_res_number` FROM `recall_search_pending`);
END;
--> statement-breakpoint
CREATE TRIGGER `recall_search_delete` AFTER DELETE ON `recalls` BEGIN
	INSERT INTO `recall_search_pending` (`product_res_number`)
	SELECT old.`product_res_number`
	WHERE old.`product_res_number` NOT IN (SELECT `product_res_number` FROM `recall_search_pending`);
END;
