CREATE TABLE `incident_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`text` text NOT NULL,
	`strength` text NOT NULL,
	`owner` text NOT NULL,
	`due_on` text NOT NULL,
	`status` text NOT NULL,
	`measure` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `incident_actions_incident` ON `incident_actions` (`incident_id`);--> statement-breakpoint
CREATE TABLE `incident_analysis` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`kind` text NOT NULL,
	`at` text,
	`position` integer,
	`category` text,
	`text` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `incident_analysis_incident` ON `incident_analysis` (`incident_id`,`kind`);