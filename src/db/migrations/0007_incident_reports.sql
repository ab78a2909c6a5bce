CREATE TABLE `facility` (
	`id` integer PRIMARY KEY NOT NULL,
	`details` text NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `incident_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`description` text NOT NULL,
	`stored_name` text NOT NULL,
	`original_name` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by` text NOT NULL,
	`uploaded_at` text NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `incident_files_stored_name_unique` ON `incident_files` (`stored_name`);--> statement-breakpoint
CREATE INDEX `incident_files_incident` ON `incident_files` (`incident_id`);--> statement-breakpoint
CREATE TABLE `incident_links` (
	`incident_id` integer NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`note` text,
	`linked_by` text NOT NULL,
	`linked_at` text NOT NULL,
	PRIMARY KEY(`incident_id`, `kind`, `key`),
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `incident_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`recipient` text NOT NULL,
	`recipient_name` text,
	`sent_on` text NOT NULL,
	`report_number` text NOT NULL,
	`follow_up` integer DEFAULT 0 NOT NULL,
	`note` text,
	`recorded_by` text NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `incident_reports_incident` ON `incident_reports` (`incident_id`);--> statement-breakpoint
CREATE INDEX `incident_reports_sent` ON `incident_reports` (`sent_on`);--> statement-breakpoint
ALTER TABLE `incidents` ADD `death_on` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `relevant_tests` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `concomitant_products` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `patient_problem_codes` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `device_problem_codes` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `reporter_occupation` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `method` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `archived_why` text;