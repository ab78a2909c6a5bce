CREATE TABLE `product_classes` (
	`product_code` text PRIMARY KEY NOT NULL,
	`device_name` text,
	`device_class` text,
	`medical_specialty` text,
	`medical_specialty_description` text,
	`regulation_number` text,
	`review_panel` text,
	`submission_type_id` text,
	`implant_flag` text,
	`life_sustain_support_flag` text,
	`definition` text,
	`raw` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `product_classes_device_class` ON `product_classes` (`device_class`);--> statement-breakpoint
CREATE TABLE `maude_devices` (
	`report_key` text NOT NULL,
	`position` integer NOT NULL,
	`device_sequence_number` text,
	`brand_name` text,
	`generic_name` text,
	`manufacturer_d_name` text,
	`model_number` text,
	`catalog_number` text,
	`lot_number` text,
	`udi_di` text,
	`udi_public` text,
	`product_code` text,
	`device_class` text,
	PRIMARY KEY(`report_key`, `position`),
	FOREIGN KEY (`report_key`) REFERENCES `maude_reports`(`report_key`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `maude_devices_manufacturer` ON `maude_devices` (`manufacturer_d_name`);--> statement-breakpoint
CREATE INDEX `maude_devices_product_code` ON `maude_devices` (`product_code`);--> statement-breakpoint
CREATE INDEX `maude_devices_model` ON `maude_devices` (`model_number`);--> statement-breakpoint
CREATE INDEX `maude_devices_catalog` ON `maude_devices` (`catalog_number`);--> statement-breakpoint
CREATE INDEX `maude_devices_brand` ON `maude_devices` (`brand_name`);--> statement-breakpoint
CREATE INDEX `maude_devices_udi_di` ON `maude_devices` (`udi_di`);--> statement-breakpoint
CREATE TABLE `maude_reports` (
	`report_key` text PRIMARY KEY NOT NULL,
	`mdr_report_key` text,
	`report_number` text,
	`event_key` text,
	`event_type` text,
	`report_source_code` text,
	`adverse_event_flag` text,
	`product_problem_flag` text,
	`manufacturer_name` text,
	`event_location` text,
	`date_received` text,
	`date_of_event` text,
	`date_report` text,
	`date_facility_aware` text,
	`raw` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `maude_reports_received` ON `maude_reports` (`date_received`);--> statement-breakpoint
CREATE INDEX `maude_reports_event_type` ON `maude_reports` (`event_type`);--> statement-breakpoint
CREATE INDEX `maude_reports_report_number` ON `maude_reports` (`report_number`);--> statement-breakpoint
CREATE INDEX `maude_reports_manufacturer` ON `maude_reports` (`manufacturer_name`);--> statement-breakpoint
CREATE TABLE `maude_texts` (
	`report_key` text NOT NULL,
	`position` integer NOT NULL,
	`mdr_text_key` text,
	`text_type_code` text,
	`patient_sequence_number` text,
	`date_report` text,
	`text` text,
	PRIMARY KEY(`report_key`, `position`),
	FOREIGN KEY (`report_key`) REFERENCES `maude_reports`(`report_key`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `enforcement_reports` (
	`recall_number` text PRIMARY KEY NOT NULL,
	`event_id` text,
	`status` text,
	`classification` text,
	`product_type` text,
	`recalling_firm` text,
	`address_1` text,
	`address_2` text,
	`city` text,
	`state` text,
	`postal_code` text,
	`country` text,
	`voluntary_mandated` text,
	`initial_firm_notification` text,
	`distribution_pattern` text GENERATED ALWAYS AS (nullif(trim(json_extract(raw, '$.distribution_pattern')), '')) VIRTUAL,
	`product_description` text GENERATED ALWAYS AS (nullif(trim(json_extract(raw, '$.product_description')), '')) VIRTUAL,
	`product_quantity` text GENERATED ALWAYS AS (nullif(trim(json_extract(raw, '$.product_quantity')), '')) VIRTUAL,
	`reason_for_recall` text GENERATED ALWAYS AS (nullif(trim(json_extract(raw, '$.reason_for_recall')), '')) VIRTUAL,
	`code_info` text GENERATED ALWAYS AS (nullif(trim(json_extract(raw, '$.code_info')), '')) VIRTUAL,
	`more_code_info` text GENERATED ALWAYS AS (nullif(trim(json_extract(raw, '$.more_code_info')), '')) VIRTUAL,
	`recall_initiation_date` text,
	`center_classification_date` text,
	`termination_date` text,
	`report_date` text,
	`raw` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `enforcement_class` ON `enforcement_reports` (`classification`);--> statement-breakpoint
CREATE INDEX `enforcement_status` ON `enforcement_reports` (`status`);--> statement-breakpoint
CREATE INDEX `enforcement_report_date` ON `enforcement_reports` (`report_date`);--> statement-breakpoint
CREATE INDEX `enforcement_firm` ON `enforcement_reports` (`recalling_firm`);--> statement-breakpoint
CREATE INDEX `enforcement_event` ON `enforcement_reports` (`event_id`);--> statement-breakpoint
CREATE TABLE `recalls` (
	`product_res_number` text PRIMARY KEY NOT NULL,
	`res_event_number` text,
	`cfres_id` text,
	`recall_status` text,
	`recalling_firm` text,
	`firm_fei_number` text,
	`product_code` text,
	`product_description` text GENERATED ALWAYS AS (nullif(trim(json_extract(raw, '$.product_description')), '')) VIRTUAL,
	`code_info` text GENERATED ALWAYS AS (nullif(trim(json_extract(raw, '$.code_info')), '')) VIRTUAL,
	`product_quantity` text GENERATED ALWAYS AS (nullif(trim(json_extract(raw, '$.product_quantity')), '')) VIRTUAL,
	`distribution_pattern` text GENERATED ALWAYS AS (nullif(trim(json_extract(raw, '$.distribution_pattern')), '')) VIRTUAL,
	`reason_for_recall` text GENERATED ALWAYS AS (nullif(trim(json_extract(raw, '$.reason_for_recall')), '')) VIRTUAL,
	`action` text GENERATED ALWAYS AS (nullif(trim(json_extract(raw, '$.action')), '')) VIRTUAL,
	`root_cause_description` text,
	`k_numbers` text,
	`pma_numbers` text,
	`event_date_initiated` text,
	`event_date_created` text,
	`event_date_posted` text,
	`event_date_terminated` text,
	`device_name` text,
	`device_class` text,
	`medical_specialty` text,
	`raw` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `recalls_firm` ON `recalls` (`recalling_firm`);--> statement-breakpoint
CREATE INDEX `recalls_product_code` ON `recalls` (`product_code`);--> statement-breakpoint
CREATE INDEX `recalls_posted` ON `recalls` (`event_date_posted`);--> statement-breakpoint
CREATE INDEX `recalls_status` ON `recalls` (`recall_status`);--> statement-breakpoint
CREATE INDEX `recalls_updated` ON `recalls` (`updated_at`);--> statement-breakpoint
CREATE TABLE `sync_cursors` (
	`feed` text NOT NULL,
	`scope` text NOT NULL,
	`high_water` text,
	`resume_phase` text,
	`resume_from` text,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`feed`, `scope`)
);
--> statement-breakpoint
CREATE TABLE `sync_rejects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer,
	`feed` text NOT NULL,
	`record_key` text,
	`reason` text NOT NULL,
	`raw` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `sync_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sync_rejects_run` ON `sync_rejects` (`run_id`);--> statement-breakpoint
CREATE TABLE `sync_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`feed` text NOT NULL,
	`mode` text NOT NULL,
	`source` text NOT NULL,
	`status` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`pages` integer DEFAULT 0 NOT NULL,
	`added` integer DEFAULT 0 NOT NULL,
	`updated` integer DEFAULT 0 NOT NULL,
	`unchanged` integer DEFAULT 0 NOT NULL,
	`skipped` integer DEFAULT 0 NOT NULL,
	`error` text,
	`pid` integer
);
--> statement-breakpoint
CREATE INDEX `sync_runs_feed_started` ON `sync_runs` (`feed`,`started_at`);--> statement-breakpoint
CREATE INDEX `sync_runs_status` ON `sync_runs` (`status`);--> statement-breakpoint
CREATE TABLE `sync_state` (
	`feed` text PRIMARY KEY NOT NULL,
	`last_attempt_at` text,
	`last_success_at` text,
	`last_full_at` text,
	`last_error` text,
	`source_last_updated` text,
	`lock_token` text,
	`lock_pid` integer,
	`lock_host` text,
	`lock_heartbeat_at` text
);
