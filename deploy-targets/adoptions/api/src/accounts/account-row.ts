/** The public shape of an account: never the password hash. */
export const accountColumns = `id::text, email, name, status, role, decided_at AS "decidedAt", created_at AS "createdAt"`;

export type AccountView = {
  id: string;
  email: string;
  name: string;
  status: 'pending' | 'accepted' | 'rejected';
  role: string | null;
  decidedAt: Date | null;
  createdAt: Date;
};
