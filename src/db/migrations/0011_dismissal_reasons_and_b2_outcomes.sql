ALTER TABLE `incidents` ADD `serious_outcomes` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `reporter_health_professional` integer;--> statement-breakpoint
ALTER TABLE `incidents` ADD `reporter_also_sent_to_fda` text;--> statement-breakpoint
ALTER TABLE `match_decisions` ADD `reason` text;--> statement-breakpoint
ALTER TABLE `match_decisions` ADD `suggestion` text;