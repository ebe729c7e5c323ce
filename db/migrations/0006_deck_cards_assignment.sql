ALTER TABLE `review_cards` ADD `assignment_id` text;--> statement-breakpoint
CREATE INDEX `review_cards_assignment_idx` ON `review_cards` (`assignment_id`);