CREATE TABLE `match_pending` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `match_pending_item` ON `match_pending` (`kind`,`key`);--> statement-breakpoint
ALTER TABLE `match_state` ADD `lock_token` text;--> statement-breakpoint
ALTER TABLE `match_state` ADD `lock_pid` integer;--> statement-breakpoint
ALTER TABLE `match_state` ADD `lock_host` text;--> statement-breakpoint
ALTER TABLE `match_state` ADD `lock_heartbeat_at` text;--> statement-breakpoint
-- What the watermarks left unmatched is marked, before they go (0015): every asset and recall
-- changed since the last run, or all of them before any run.
INSERT OR REPLACE INTO `match_pending` (`kind`, `key`)
  SELECT 'asset', `asset_tag` FROM `assets`
  WHERE `updated_at` > coalesce((SELECT `assets_up_to` FROM `match_state` WHERE `id` = 'recalls'), '');--> statement-breakpoint
INSERT OR REPLACE INTO `match_pending` (`kind`, `key`)
  SELECT 'recall', `product_res_number` FROM `recalls`
  WHERE `updated_at` > coalesce((SELECT `recalls_up_to` FROM `match_state` WHERE `id` = 'recalls'), '');--> statement-breakpoint
-- The marks, made by the database in the same transaction as the change (see match_pending in
-- the schema). An item marked again gets a new, higher seq. Delete, then insert: OR REPLACE in a
-- trigger gives way to the conflict rule of the statement that fired it (an upsert aborts).
CREATE TRIGGER `assets_mark_new` AFTER INSERT ON `assets` BEGIN
  DELETE FROM `match_pending` WHERE `kind` = 'asset' AND `key` = NEW.`asset_tag`;
  INSERT INTO `match_pending` (`kind`, `key`) VALUES ('asset', NEW.`asset_tag`);
END;--> statement-breakpoint
-- Only what matching reads of an asset: a move to another department needs no new match.
CREATE TRIGGER `assets_mark_changed` AFTER UPDATE ON `assets`
WHEN OLD.`asset_tag` IS NOT NEW.`asset_tag` OR OLD.`manufacturer` IS NOT NEW.`manufacturer`
  OR OLD.`model` IS NOT NEW.`model` OR OLD.`catalog_number` IS NOT NEW.`catalog_number`
  OR OLD.`serial_number` IS NOT NEW.`serial_number` OR OLD.`udi_di` IS NOT NEW.`udi_di`
  OR OLD.`udi_lot` IS NOT NEW.`udi_lot` OR OLD.`udi_serial` IS NOT NEW.`udi_serial`
  OR OLD.`product_code` IS NOT NEW.`product_code` OR OLD.`software_version` IS NOT NEW.`software_version`
  OR OLD.`device_name` IS NOT NEW.`device_name`
BEGIN
  DELETE FROM `match_pending` WHERE `kind` = 'asset' AND `key` = NEW.`asset_tag`;
  INSERT INTO `match_pending` (`kind`, `key`) VALUES ('asset', NEW.`asset_tag`);
END;--> statement-breakpoint
CREATE TRIGGER `recalls_mark_new` AFTER INSERT ON `recalls` BEGIN
  DELETE FROM `match_pending` WHERE `kind` = 'recall' AND `key` = NEW.`product_res_number`;
  INSERT INTO `match_pending` (`kind`, `key`) VALUES ('recall', NEW.`product_res_number`);
END;--> statement-breakpoint
-- A recall is rewritten only when openFDA revised it.
CREATE TRIGGER `recalls_mark_changed` AFTER UPDATE ON `recalls` BEGIN
  DELETE FROM `match_pending` WHERE `kind` = 'recall' AND `key` = NEW.`product_res_number`;
  INSERT INTO `match_pending` (`kind`, `key`) VALUES ('recall', NEW.`product_res_number`);
END;--> statement-breakpoint
-- The enforcement report holds the lots and serials a recall covers (code_info).
CREATE TRIGGER `enforcement_reports_mark_new` AFTER INSERT ON `enforcement_reports` BEGIN
  DELETE FROM `match_pending` WHERE `kind` = 'recall' AND `key` = NEW.`recall_number`;
  INSERT INTO `match_pending` (`kind`, `key`) VALUES ('recall', NEW.`recall_number`);
END;--> statement-breakpoint
CREATE TRIGGER `enforcement_reports_mark_changed` AFTER UPDATE ON `enforcement_reports` BEGIN
  DELETE FROM `match_pending` WHERE `kind` = 'recall' AND `key` = NEW.`recall_number`;
  INSERT INTO `match_pending` (`kind`, `key`) VALUES ('recall', NEW.`recall_number`);
END;
