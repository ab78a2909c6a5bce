-- MAUDE histories fetched from openFDA on request, for a manufacturer or product code outside what
-- the sync covers (src/events/history.ts). The reports themselves go into maude_reports like a
-- sync's; this table keeps what was asked, its progress and outcome, and stops repeats.
CREATE TABLE `maude_history_fetches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`status` text NOT NULL,
	`fetched` integer DEFAULT 0 NOT NULL,
	`added` integer DEFAULT 0 NOT NULL,
	`total` integer,
	`capped` integer DEFAULT false NOT NULL,
	`error` text,
	`requested_by` text NOT NULL,
	`started_at` text NOT NULL,
	`heartbeat_at` text NOT NULL,
	`finished_at` text,
	`pid` integer
);
--> statement-breakpoint
CREATE INDEX `maude_history_fetches_value` ON `maude_history_fetches` (`kind`,`value`);--> statement-breakpoint
CREATE INDEX `maude_history_fetches_started` ON `maude_history_fetches` (`started_at`);