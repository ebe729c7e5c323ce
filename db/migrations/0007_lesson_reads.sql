CREATE TABLE `lesson_reads` (
	`user_id` text NOT NULL,
	`module_slug` text NOT NULL,
	`last_anchor` text,
	`last_read_at` integer NOT NULL,
	`finished_at` integer,
	PRIMARY KEY(`user_id`, `module_slug`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `lesson_reads_recent_idx` ON `lesson_reads` (`user_id`,`last_read_at`);