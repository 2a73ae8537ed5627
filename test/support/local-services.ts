// Test support: starts DynamoDB Local (in memory) and the SES emulator on free ports for integration and e2e tests.
import type { TestProject } from 'vitest/node';
import { freePort, startDynamoLocal, startSesEmulator, stop } from '#local/local-stack.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    sesEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const [dynamo, ses] = await Promise.all([
    freePort().then((port) => startDynamoLocal(port)),
    freePort().then((port) => startSesEmulator(port)),
  ]);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('sesEndpoint', ses.endpoint);
  return () => stop(dynamo.process, ses.process);
}
