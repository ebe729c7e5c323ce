// Response shapes shared by several routes (request shapes live next to their route).
import { z } from "../openapi.ts";

/**
 * Text in both course languages. Left unnamed so each response keeps it inline, as the document always had it;
 * the assignments routes name their use of it "Localized".
 */
export const Localized = z.object({ ru: z.string(), en: z.string() });

/** An instant (ms since epoch) as the API writes it: ISO 8601 in UTC; null stays null. */
export function iso(ms: number): string;
export function iso(ms: number | null): string | null;
export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(["student", "instructor"]),
  })
  .openapi("User");

export const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "id", in: "path" } }),
});
