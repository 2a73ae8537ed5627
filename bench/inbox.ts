// Bench support: what reached the SES emulator (its /store), and emptying it between runs.

export interface StoredEmail {
  destination: { to: string[] };
  subject: string;
  attachments?: { contentType?: string }[];
}

export async function store(sesEndpoint: string): Promise<StoredEmail[]> {
  return ((await (await fetch(`${sesEndpoint}/store`)).json()) as { emails: StoredEmail[] }).emails;
}

export async function clearStore(sesEndpoint: string): Promise<void> {
  const res = await fetch(`${sesEndpoint}/clear-store`, { method: 'POST' });
  if (!res.ok) throw new Error(`clear-store answered ${res.status}`);
}
