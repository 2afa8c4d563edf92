/** Reads one of Runway's pages as plain text (the one place that knows how pages are read). */
export async function readPageText(runwayUrl: string, path: string): Promise<string> {
  return (await fetch(`${runwayUrl}${path}`, { headers: { accept: 'text/plain' } })).text();
}
