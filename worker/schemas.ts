// Response shapes shared by several routes (request shapes live next to their route).
import { z } from "./openapi.ts";

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
