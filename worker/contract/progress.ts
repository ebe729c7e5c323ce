// Wire shapes of a learner's progress: reading positions, lessons read through, best scores.
import { z } from "../openapi.ts";
import { DateTime, pathParam } from "./common.ts";

export const ModuleProgress = z
  .object({
    slug: z.string(),
    readAt: DateTime.nullable().openapi({ description: "When the lesson was first read to its end; null while it is not" }),
    lastAnchor: z.string().nullable().openapi({ description: "The paragraph last on screen (links as /modules/:slug#anchor)" }),
    lastReadAt: DateTime.nullable(),
    bestShare: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .openapi({ description: "Best share (0–1) of the submitted attempts on this module, practice and tests alike" }),
    submittedAttempts: z.number().int(),
  })
  .openapi("ModuleProgress");

export const Progress = z
  .object({
    modules: z.array(ModuleProgress).openapi({ description: "Modules with any reading or attempt, in course order" }),
    lastRead: z
      .object({ slug: z.string(), anchor: z.string().nullable(), at: DateTime, finished: z.boolean() })
      .nullable()
      .openapi({ description: "The lesson read most recently: where to continue" }),
  })
  .openapi("Progress");

export const ReadingParams = z.object({ slug: pathParam("slug", 80, { example: "copying-to-innovation" }) });

export const ReadingBody = z
  .object({
    anchor: z
      .string()
      .max(80)
      .nullable()
      .optional()
      .openapi({ description: "The block last on screen; must be one of the lesson's anchors" }),
    finished: z.boolean().optional().openapi({ description: "The reader reached the lesson's end (kept once set)" }),
  })
  .openapi("ReadingPosition");
