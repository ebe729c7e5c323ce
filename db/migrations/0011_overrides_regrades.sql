CREATE TABLE `assignment_overrides` (
	`assignment_id` text NOT NULL,
	`user_id` text NOT NULL,
	`extra_minutes` integer,
	`time_factor` real,
	`extra_attempts` integer,
	`opens_at` integer,
	`due_at` integer,
	`set_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`assignment_id`, `user_id`),
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `assignment_overrides_user_idx` ON `assignment_overrides` (`user_id`);--> statement-breakpoint
CREATE TABLE `regrades` (
	`id` text PRIMARY KEY NOT NULL,
	`assignment_id` text NOT NULL,
	`attempt_id` text,
	`question_id` text NOT NULL,
	`kind` text NOT NULL,
	`answer` text,
	`score` real,
	`comment` text,
	`actor_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `regrades_assignment_idx` ON `regrades` (`assignment_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `regrades_attempt_idx` ON `regrades` (`attempt_id`);