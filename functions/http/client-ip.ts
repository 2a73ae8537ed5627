// HTTP kit: where the caller's IP comes from. Each app chooses a source the platform vouches for (apps/api/aws-deps.ts).
import type { Context } from 'hono';

export type ClientIp = (c: Context) => string;
