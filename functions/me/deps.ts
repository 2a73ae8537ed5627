// Me: "Your meetups", a signed-in person's own page. apps/api supplies it.
import type { NetworksDeps } from '#functions/networks/deps.ts';
import type { RsvpsDeps } from '#functions/rsvps/deps.ts';

export interface MeDeps extends NetworksDeps, Omit<RsvpsDeps, 'clock' | 'siteUrl' | 'clientIp'> {}
