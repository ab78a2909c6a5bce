ALTER TABLE `match_state` DROP COLUMN `recalls_up_to`;--> statement-breakpoint
ALTER TABLE `match_state` DROP COLUMN `assets_up_to`;