// Networks: what creating and running a network and its team are built from. apps/api supplies it.
import type { AuthDeps } from '#functions/auth/deps.ts';
import type { NetworksRepository } from './networks.repository.ts';

export interface NetworksDeps extends AuthDeps {
  networks: NetworksRepository;
  /** NETWORKS_NEED_APPROVAL: new networks wait for an operator before they are public. */
  networkApproval: boolean;
}
