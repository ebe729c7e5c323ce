DROP INDEX `attempts_assignment_idx`;--> statement-breakpoint
CREATE INDEX `attempts_assignment_idx` ON `attempts` (`assignment_id`,`user_id`,`status`,`score`,`max_score`,`started_at`,`submitted_at`);