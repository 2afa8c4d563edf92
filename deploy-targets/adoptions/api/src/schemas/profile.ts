import { z } from 'zod';
import { email, newPassword } from './accounts.ts';
import { plainText } from './plain-text.ts';

export const profilePatch = z
  .object({ name: plainText().trim().min(1).max(120), email })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'give at least one field to change');

export const passwordChangeBody = z.object({ currentPassword: z.string().min(1).max(200), newPassword });

export const passwordResetRequestBody = z.object({ email });

/** The code is 32 random bytes in base64url (43 characters). */
export const passwordResetConfirmBody = z.object({
  code: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'the code from the e-mail'),
  newPassword,
});
