CREATE TABLE `database_checks` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`checked_at` text NOT NULL
);
