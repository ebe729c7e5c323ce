CREATE TABLE `lti_contexts` (
	`platform_id` text NOT NULL,
	`context_id` text NOT NULL,
	`class_id` text NOT NULL,
	`memberships_url` text,
	PRIMARY KEY(`platform_id`, `context_id`),
	FOREIGN KEY (`platform_id`) REFERENCES `lti_platforms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`class_id`) REFERENCES `classes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `lti_contexts_class_idx` ON `lti_contexts` (`class_id`);--> statement-breakpoint
CREATE TABLE `lti_deployments` (
	`platform_id` text NOT NULL,
	`deployment_id` text NOT NULL,
	PRIMARY KEY(`platform_id`, `deployment_id`),
	FOREIGN KEY (`platform_id`) REFERENCES `lti_platforms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `lti_grade_posts` (
	`line_item_id` text NOT NULL,
	`user_id` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`score_given` real,
	`sent_at` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`line_item_id`, `user_id`),
	FOREIGN KEY (`line_item_id`) REFERENCES `lti_line_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `lti_grade_posts_due_idx` ON `lti_grade_posts` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `lti_line_items` (
	`id` text PRIMARY KEY NOT NULL,
	`platform_id` text NOT NULL,
	`assignment_id` text NOT NULL,
	`url` text NOT NULL,
	FOREIGN KEY (`platform_id`) REFERENCES `lti_platforms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lti_line_items_url_unique` ON `lti_line_items` (`platform_id`,`url`);--> statement-breakpoint
CREATE INDEX `lti_line_items_assignment_idx` ON `lti_line_items` (`assignment_id`);--> statement-breakpoint
CREATE TABLE `lti_platforms` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`name` text NOT NULL,
	`issuer` text NOT NULL,
	`client_id` text NOT NULL,
	`auth_url` text NOT NULL,
	`token_url` text NOT NULL,
	`jwks_url` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lti_platforms_issuer_client_unique` ON `lti_platforms` (`issuer`,`client_id`);--> statement-breakpoint
CREATE INDEX `lti_platforms_owner_idx` ON `lti_platforms` (`owner_id`);--> statement-breakpoint
CREATE TABLE `lti_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`data` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `lti_tokens_expires_idx` ON `lti_tokens` (`expires_at`);--> statement-breakpoint
CREATE TABLE `lti_users` (
	`platform_id` text NOT NULL,
	`sub` text NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`platform_id`, `sub`),
	FOREIGN KEY (`platform_id`) REFERENCES `lti_platforms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `lti_users_user_idx` ON `lti_users` (`user_id`);