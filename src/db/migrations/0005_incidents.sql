CREATE TABLE `custody_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`item` text NOT NULL,
	`at` text NOT NULL,
	`who` text NOT NULL,
	`action` text NOT NULL,
	`why` text NOT NULL,
	`recorded_by` text NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `custody_incident` ON `custody_log` (`incident_id`,`at`);--> statement-breakpoint
CREATE TABLE `incident_devices` (
	`incident_id` integer NOT NULL,
	`asset_tag` text NOT NULL,
	`details` text NOT NULL,
	`sequestered_at` text,
	`sequestered_where` text,
	`released_at` text,
	PRIMARY KEY(`incident_id`, `asset_tag`),
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `incident_devices_asset` ON `incident_devices` (`asset_tag`);--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`title` text NOT NULL,
	`event_at` text,
	`aware_on` text NOT NULL,
	`reporter` text,
	`location` text,
	`outcome` text NOT NULL,
	`harm` text,
	`sentinel` integer DEFAULT false NOT NULL,
	`description` text,
	`patient_identifier` text,
	`patient_age` text,
	`patient_sex` text,
	`patient_weight_kg` text,
	`patient_history` text,
	`state` text NOT NULL,
	`device_may_have_contributed` integer,
	`manufacturer_known` integer,
	`reportability` text,
	`decided_by` text,
	`decided_at` text,
	`archived_at` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `incidents_number_unique` ON `incidents` (`number`);--> statement-breakpoint
CREATE INDEX `incidents_aware` ON `incidents` (`aware_on`);--> statement-breakpoint
CREATE INDEX `incidents_state` ON `incidents` (`state`);