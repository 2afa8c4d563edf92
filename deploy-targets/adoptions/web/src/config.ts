/** Baked in at build time; Runway passes the backend's URL as VITE_API_URL. */
export const apiUrl: string = (import.meta.env.VITE_API_URL as string | undefined) || 'http://localhost:3000';
