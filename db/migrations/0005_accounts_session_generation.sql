ALTER TABLE `rate_limits` ADD `last_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `session_generation` integer DEFAULT 0 NOT NULL;