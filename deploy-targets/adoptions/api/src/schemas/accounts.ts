import { z } from 'zod';
import { plainText } from './plain-text.ts';

export const email = z.email().max(254).transform((e) => e.toLowerCase());

export const newPassword = z.string().min(10, 'at least 10 characters').max(200);

export const signUpBody = z.object({ email, name: plainText().trim().min(1).max(120), password: newPassword });

export const signInBody = z.object({ email, password: z.string().min(1).max(200) });

export const roleName = z.string().regex(/^[a-z][a-z0-9_-]{1,39}$/, 'lowercase letters, digits, _ and -');

export const acceptBody = z.object({ role: roleName.default('volunteer') });
export const rejectBody = z.object({ note: plainText().trim().max(1000).optional() });
export const setRoleBody = z.object({ role: roleName });

export const accountStatusQuery = z.object({ status: z.enum(['pending', 'accepted', 'rejected']).optional() });
