// Bundling only: stands in for @aws-sdk/credential-provider-node inside Lambda bundles (an esbuild alias set by
// infra/constructs/signpost-function.ts). Lambda gives every function its role's credentials in environment
// variables, so the SDK's full default chain (SSO, profiles, container and instance metadata) is dead weight there:
// about 90 kB of every bundle and its cold start. Local runs and tests use the real chain.
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}) => fromEnv(init);
export const credentialsWillNeedRefresh = () => false;
export const credentialsTreatedAsExpired = () => false;
