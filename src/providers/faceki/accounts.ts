// Faceki's client accounts: fixture clients, and self-service faceki_test_ ids (a fresh tenant per CI job).
import {
  readFixture,
  type Credential,
  type Kit,
  type SelfServiceCredential,
} from '../../engine/index.js';
import { optionsOf, type Variant } from './records.js';

export interface Client {
  clientId: string;
  /** null: any non-empty secret (self-service clients). */
  clientSecret: string | null;
  /** null: the defaultVariant option. */
  variant: Variant | null;
  credit: number;
  linkCap: number;
  defaultWorkflowId: string | null;
  webhookUrl: string | null;
  note: string;
}

export interface Workflow extends Record<string, unknown> {
  _id: string;
  name: string;
  allowedKycDocuments: string[];
}

interface ClientsFixture {
  idFormat: string;
  selfServicePrefix: string;
  selfServiceVariants: Record<string, Variant>;
  selfService: Pick<Client, 'credit' | 'linkCap' | 'defaultWorkflowId' | 'webhookUrl'>;
  clients: Client[];
}

const fixture = readFixture<ClientsFixture>('faceki', 'clients.json');
const idFormat = new RegExp(fixture.idFormat);
const clients = new Map(fixture.clients.map((c) => [c.clientId, c]));
export const workflows: readonly Workflow[] = readFixture<Workflow[]>('faceki', 'workflows.json');

export const SELF_SERVICE_PREFIX = fixture.selfServicePrefix;

/** A fixture client, or a self-service one for a well-formed id with the prefix; else undefined. */
export function clientById(clientId: string): Client | undefined {
  const known = clients.get(clientId);
  if (known) return known;
  if (!clientId.startsWith(fixture.selfServicePrefix) || !idFormat.test(clientId)) return undefined;
  const variant =
    Object.entries(fixture.selfServiceVariants).find(([prefix]) =>
      clientId.startsWith(prefix),
    )?.[1] ?? null;
  return {
    clientId,
    clientSecret: null,
    variant,
    ...fixture.selfService,
    note: 'self-service client',
  };
}

/**
 * A fresh self-service client (the defaultVariant option's generation): its clientId and any
 * non-empty secret, exchanged for a Bearer token at GET /auth/api/access-token.
 */
export function facekiSelfService(id: string): SelfServiceCredential {
  const clientId = `${fixture.selfServicePrefix}self_service_${id}`;
  return { tenant: clientId, credentials: { clientId, clientSecret: 'self-service-secret' } };
}

export const variantOf = (kit: Kit, client: Client): Variant =>
  client.variant ?? optionsOf(kit).defaultVariant;

export const workflowById = (id: string) => workflows.find((w) => w._id === id);

export const facekiCredentials = (): Credential[] =>
  fixture.clients.map((c) => ({
    header: 'clientId:clientSecret',
    value: `${c.clientId}:${c.clientSecret}`,
    note: c.note,
    tenant: c.clientId,
  }));
