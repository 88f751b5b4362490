// Faceki API clients (clientId + clientSecret) from fixtures, plus self-service clients so each CI
// job can take a fresh tenant; their wallet and webhook URL live in the tenant's namespace.
import { readFixture, type Credential, type Kit } from '../../engine/index.js';

export type Variant = 'v2' | 'blaze3';
export const VARIANTS = ['v2', 'blaze3'] as const;

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

export const variantOf = (kit: Kit, client: Client): Variant =>
  client.variant ?? (kit.options.defaultVariant as Variant);

export const workflowById = (id: string) => workflows.find((w) => w._id === id);

interface Wallet extends Record<string, unknown> {
  credit: number;
  spent: number;
}

/** The tenant's wallet, opened with the client's fixture credit on first use. */
export function walletOf(kit: Kit, client: Client): Wallet {
  return (
    kit.ns.get<Wallet>('_wallet', 'wallet') ??
    kit.ns.put<Wallet>('_wallet', 'wallet', { credit: client.credit, spent: 0 })
  );
}

export interface WebhookSetup extends Record<string, unknown> {
  url: string | null;
  updatedAt: string | null;
}

/** Where the tenant's webhooks go: the fixture's webhookUrl until an operator sets another. */
export function webhookSetupOf(kit: Kit, client: Client | undefined): WebhookSetup {
  return (
    kit.ns.get<WebhookSetup>('_settings', 'webhook') ?? {
      url: client?.webhookUrl ?? null,
      updatedAt: null,
    }
  );
}

export const facekiCredentials = (): Credential[] =>
  fixture.clients.map((c) => ({
    header: 'clientId:clientSecret',
    value: `${c.clientId}:${c.clientSecret}`,
    note: c.note,
  }));
