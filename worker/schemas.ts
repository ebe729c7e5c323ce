// Response shapes shared by several routes (request shapes live next to their route).
import { z } from "./openapi.ts";

/**
 * Text in both course languages. Left unnamed so each response keeps it inline, as the document always had it;
 * the assignments routes name their use of it "Localized".
 */
export const Localized = z.object({ ru: z.string(), en: z.string() });

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
