CREATE TABLE `asset_match_keys` (
	`key` text NOT NULL,
	`asset_tag` text NOT NULL,
	PRIMARY KEY(`key`, `asset_tag`),
	FOREIGN KEY (`asset_tag`) REFERENCES `assets`(`asset_tag`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `asset_match_keys_asset` ON `asset_match_keys` (`asset_tag`);--> statement-breakpoint
ALTER TABLE `match_state` ADD `keys_version` integer;