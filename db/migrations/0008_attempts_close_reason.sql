ALTER TABLE `attempts` ADD `close_reason` text;--> statement-breakpoint
-- Backfill: an attempt graded as of exactly its deadline was closed by its time running out (a lazy or cron close);
-- the others closed before the reason was kept stay null (unknown), rather than be guessed.
UPDATE `attempts` SET `close_reason` = 'time_up' WHERE `status` = 'submitted' AND `deadline` IS NOT NULL AND `submitted_at` = `deadline`;
