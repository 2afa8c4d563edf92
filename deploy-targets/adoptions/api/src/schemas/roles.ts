import { z } from 'zod';
import { permissionSchema, permissions } from '../auth/permissions.ts';
import { plainText } from './plain-text.ts';

export const roleBody = z.object({
  description: plainText().trim().max(300).default(''),
  permissions: z.array(permissionSchema).max(permissions.length),
});
