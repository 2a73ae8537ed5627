// Documents wiring: what the CPD documents function is built from. Tests and the local server pass in-memory or
// DynamoDB parts; aws-deps.ts makes them from validated config.
import type { Logger } from '#functions/core/log.ts';
import type { DocumentsDeps } from '#functions/cpd/documents.ts';

export type DocumentsAppDeps = DocumentsDeps & { logger: Logger };
