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
ALTER TABLE `match_state` ADD `terms_recalls` integer;