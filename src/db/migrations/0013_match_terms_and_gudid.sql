CREATE TABLE `match_terms` (
	`term` text PRIMARY KEY NOT NULL,
	`recalls` integer NOT NULL,
	`families` integer NOT NULL,
	`product_codes` integer NOT NULL,
	`followers` integer NOT NULL,
	`follower_list` text NOT NULL,
	`family_list` text,
	`by_family` text
);
--> statement-breakpoint
CREATE TABLE `gudid_devices` (
	`primary_di` text PRIMARY KEY NOT NULL,
	`company_name` text,
	`brand_name` text,
	`version_or_model_number` text,
	`catalog_number` text,
	`imported_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `gudid_devices_brand` ON `gudid_devices` (`brand_name`);--> statement-breakpoint
ALTER TABLE `match_state` ADD `terms_recalls` integer;