CREATE TABLE `early_notices` (
	`notice_key` text PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`source_id` text NOT NULL,
	`url` text,
	`title` text NOT NULL,
	`firm` text,
	`product` text NOT NULL,
	`models` text NOT NULL,
	`lots` text NOT NULL,
	`udi_dis` text NOT NULL,
	`source_class` text,
	`issue` text,
	`category` text,
	`notice_date` text,
	`source_updated` text,
	`page_read_at` text,
	`page_error` text,
	`links_checked_at` text,
	`raw` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `early_notices_source` ON `early_notices` (`source`,`source_id`);--> statement-breakpoint
CREATE TABLE `notice_links` (
	`notice_key` text NOT NULL,
	`product_res_number` text NOT NULL,
	`state` text NOT NULL,
	`score` real NOT NULL,
	`reasons` text NOT NULL,
	`decided_by` text,
	`decided_at` text,
	`merged_at` text,
	`created_at` text NOT NULL,
	PRIMARY KEY(`notice_key`, `product_res_number`)
);
--> statement-breakpoint
CREATE INDEX `notice_links_recall` ON `notice_links` (`product_res_number`);--> statement-breakpoint
CREATE TABLE `source_state` (
	`source` text PRIMARY KEY NOT NULL,
	`etag` text,
	`last_modified` text,
	`high_water` text,
	`notices` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `recalls_initiated` ON `recalls` (`event_date_initiated`);