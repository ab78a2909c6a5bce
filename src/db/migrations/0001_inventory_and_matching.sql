CREATE TABLE `assets` (
	`asset_tag` text PRIMARY KEY NOT NULL,
	`manufacturer` text,
	`model` text,
	`catalog_number` text,
	`serial_number` text,
	`udi` text,
	`udi_issuer` text,
	`udi_di` text,
	`udi_lot` text,
	`udi_serial` text,
	`udi_expiry` text,
	`udi_manufactured` text,
	`product_code` text,
	`device_name` text,
	`department` text,
	`location` text,
	`status` text,
	`software_version` text,
	`acquired_on` text,
	`extra` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `assets_manufacturer` ON `assets` (`manufacturer`);--> statement-breakpoint
CREATE INDEX `assets_product_code` ON `assets` (`product_code`);--> statement-breakpoint
CREATE INDEX `assets_udi_di` ON `assets` (`udi_di`);--> statement-breakpoint
CREATE INDEX `assets_department` ON `assets` (`department`);--> statement-breakpoint
CREATE INDEX `assets_status` ON `assets` (`status`);--> statement-breakpoint
CREATE INDEX `assets_updated` ON `assets` (`updated_at`);--> statement-breakpoint
CREATE TABLE `firm_aliases` (
	`name` text NOT NULL,
	`family` text NOT NULL,
	`source` text NOT NULL,
	`note` text,
	`created_by` text,
	`created_at` text NOT NULL,
	PRIMARY KEY(`name`, `family`)
);
--> statement-breakpoint
CREATE INDEX `firm_aliases_family` ON `firm_aliases` (`family`);--> statement-breakpoint
CREATE TABLE `match_decisions` (
	`asset_tag` text NOT NULL,
	`product_res_number` text NOT NULL,
	`decision` text NOT NULL,
	`decided_by` text NOT NULL,
	`decided_at` text NOT NULL,
	`note` text,
	PRIMARY KEY(`asset_tag`, `product_res_number`)
);
--> statement-breakpoint
CREATE TABLE `match_state` (
	`id` text PRIMARY KEY NOT NULL,
	`recalls_up_to` text,
	`assets_up_to` text,
	`last_full_at` text
);
--> statement-breakpoint
CREATE TABLE `recall_matches` (
	`asset_tag` text NOT NULL,
	`product_res_number` text NOT NULL,
	`score` real NOT NULL,
	`confidence` text NOT NULL,
	`reasons` text NOT NULL,
	`lot_status` text,
	`matched_at` text NOT NULL,
	PRIMARY KEY(`asset_tag`, `product_res_number`)
);
--> statement-breakpoint
CREATE INDEX `recall_matches_recall` ON `recall_matches` (`product_res_number`);--> statement-breakpoint
CREATE INDEX `recall_matches_confidence` ON `recall_matches` (`confidence`);