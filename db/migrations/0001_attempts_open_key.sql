ALTER TABLE `answers` ADD `revision` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `attempts` ADD `open_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `attempts_open_key_unique` ON `attempts` (`open_key`);