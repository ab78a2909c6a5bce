CREATE TABLE `baselines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`posted_before` text,
	`cases` integer NOT NULL,
	`applied_by` text NOT NULL,
	`applied_at` text NOT NULL,
	`undone_by` text,
	`undone_at` text
);
--> statement-breakpoint
ALTER TABLE `recall_cases` ADD `baseline_id` integer;--> statement-breakpoint
ALTER TABLE `recall_cases` ADD `response_sent_on` text;--> statement-breakpoint
ALTER TABLE `recall_cases` ADD `response_sent_by` text;--> statement-breakpoint
ALTER TABLE `recall_cases` ADD `response_file_id` integer;--> statement-breakpoint
ALTER TABLE `recall_cases` ADD `correction_promised_by` text;--> statement-breakpoint
ALTER TABLE `recall_cases` ADD `correction_done_on` text;--> statement-breakpoint
CREATE INDEX `recall_cases_baseline` ON `recall_cases` (`baseline_id`);--> statement-breakpoint
CREATE INDEX `recall_cases_promised` ON `recall_cases` (`correction_promised_by`);