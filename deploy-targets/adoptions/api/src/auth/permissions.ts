import { z } from 'zod';

/** Every permission a route can require. Roles (rows in `roles`) grant subsets of these. */
export const permissions = [
  'accounts.manage',
  'roles.manage',
  'animals.read',
  'animals.write',
  'adopters.read',
  'adopters.write',
  'adopters.black_list',
  'adoptions.read',
  'adoptions.create',
  'adoptions.review',
  'adoptions.decide',
  'adoptions.complete',
] as const;

export const permissionSchema = z.enum(permissions);
export type Permission = z.infer<typeof permissionSchema>;

/** The roles the seed creates, with the permissions they start with. An admin may change them later. */
export const builtInRoles: Record<string, { description: string; permissions: readonly Permission[] }> = {
  admin: { description: 'Manages accounts and roles; can do everything', permissions },
  staff: {
    description: 'Runs the shelter: animals, adopters and adoption decisions',
    permissions: permissions.filter((p) => p !== 'accounts.manage' && p !== 'roles.manage'),
  },
  volunteer: {
    description: 'Helps out: records adopters and requests, starts reviews',
    permissions: [
      'animals.read',
      'adopters.read',
      'adopters.write',
      'adoptions.read',
      'adoptions.create',
      'adoptions.review',
    ],
  },
};

/** The admin role keeps these so that nobody can lock every administrator out. */
export const lockedAdminPermissions: readonly Permission[] = ['accounts.manage', 'roles.manage'];
export const adminRole = 'admin';
