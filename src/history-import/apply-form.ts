import { z } from 'zod';

/**
 * The apply form: the SHA-256 of the file the preview showed. An API route, if one is added,
 * parses its body with the same schema. Anything else than 64 hex digits is a page of another
 * file (the 'changed' refusal).
 */
export const applyFormSchema = z.object({
  sha256: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[0-9a-f]{64}$/),
});
