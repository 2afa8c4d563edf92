import { z } from 'zod';

const email = z.email().max(254).transform((e) => e.toLowerCase());

export const signUpBody = z.object({
  email,
  name: z.string().trim().min(1).max(120),
  password: z.string().min(10, 'at least 10 characters').max(200),
});

export const passwordChangeBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(10, 'at least 10 characters').max(200),
});

export const signInBody = z.object({ email, password: z.string().min(1).max(200) });

export const roleName = z.string().regex(/^[a-z][a-z0-9_-]{1,39}$/, 'lowercase letters, digits, _ and -');

export const acceptBody = z.object({ role: roleName.default('volunteer') });
export const rejectBody = z.object({ note: z.string().trim().max(1000).optional() });
export const setRoleBody = z.object({ role: roleName });

export const accountStatusQuery = z.object({ status: z.enum(['pending', 'accepted', 'rejected']).optional() });
