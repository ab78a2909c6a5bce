CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`user_id` integer,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `audit_entity` ON `audit_log` (`entity`,`entity_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `sessions_expires` ON `sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`disabled_at` text,
	`feed_token` text NOT NULL,
	`last_visit_at` text,
	`previous_visit_at` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_name_unique` ON `users` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_feed_token_unique` ON `users` (`feed_token`);--> statement-breakpoint
CREATE TABLE `asset_dispositions` (
	`product_res_number` text NOT NULL,
	`asset_tag` text NOT NULL,
	`disposition` text NOT NULL,
	`note` text,
	`decided_by` text NOT NULL,
	`decided_at` text NOT NULL,
	PRIMARY KEY(`product_res_number`, `asset_tag`)
);
--> statement-breakpoint
CREATE INDEX `asset_dispositions_asset` ON `asset_dispositions` (`asset_tag`);--> statement-breakpoint
CREATE TABLE `digest_state` (
	`id` text PRIMARY KEY NOT NULL,
	`last_sent_at` text,
	`covered_up_to` text,
	`last_error` text
);
--> statement-breakpoint
CREATE TABLE `evidence_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`product_res_number` text NOT NULL,
	`stored_name` text NOT NULL,
	`original_name` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by` text NOT NULL,
	`uploaded_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evidence_files_stored_name_unique` ON `evidence_files` (`stored_name`);--> statement-breakpoint
CREATE INDEX `evidence_recall` ON `evidence_files` (`product_res_number`);--> statement-breakpoint
CREATE TABLE `recall_cases` (
	`product_res_number` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`assigned_to` integer,
	`opened_at` text NOT NULL,
	`due_override` text,
	`closed_at` text,
	`closed_by` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`assigned_to`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `recall_cases_state` ON `recall_cases` (`state`);--> statement-breakpoint
CREATE INDEX `recall_cases_opened` ON `recall_cases` (`opened_at`);--> statement-breakpoint
CREATE TABLE `recall_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`product_res_number` text NOT NULL,
	`author` text NOT NULL,
	`body` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `recall_notes_recall` ON `recall_notes` (`product_res_number`,`at`);