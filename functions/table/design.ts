// Storage layer: the one definition of the table's keys, index and TTL, used by the CDK stack and the local bootstrap.
export const tableDesign = {
  partitionKey: 'PK',
  sortKey: 'SK',
  ttlAttribute: 'expiresAt',
  indexes: {
    /** Listings: one partition per facet and month ("LIST#tag:cpd#2026-12"), sorted by start. */
    listing: { name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  },
} as const;

export type TableDesign = typeof tableDesign;
