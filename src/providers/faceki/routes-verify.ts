// Faceki's multipart endpoints: direct verification (Blaze 3.0, and V2 single and multi-document)
// and face search (Blaze 3.0 search-by-face, V2 face-check). Each reads the form, checks the
// workflow's documents, then verifies (transitions.ts) and answers in its generation's envelope.
import { Hono, type Context } from 'hono';
import { reply, type ProviderEnv } from '../../engine/index.js';
import { workflowById, type Client, type Workflow } from './accounts.js';
import { clientOf } from './auth.js';
import { fail } from './errors.js';
import { fieldOf, formFrom, requireField, requirePart, steerOf, type Form } from './input-form.js';
import { optionsOf } from './records.js';
import { searchByFace, verify } from './transitions.js';
import { buildRecord } from './views-records.js';
import { ok, recordsPage, v2Answer, v3Answer } from './views.js';

const PASSPORT = 'Passport';

function workflowOf(id: string | null | undefined): Workflow {
  const workflow = id ? workflowById(id) : undefined;
  if (!workflow) throw fail('WORKFLOW_RULES_MISSING');
  return workflow;
}

/**
 * Blaze 3.0: selfie and workflowId (5002), the workflow (5001), then document_<n>_front for each of
 * its documents and document_<n>_back unless that document is a passport (5006).
 */
async function kycVerification(c: Context<ProviderEnv>) {
  const kit = c.get('kit');
  const client = clientOf(c);
  const form = await formFrom(c);
  const workflowId = requireField(form, 'workflowId', 64);
  const selfie = requirePart(form, 'selfie', 'field');
  const recordIdentifier = fieldOf(form, 'record_identifier');
  const steer = steerOf(selfie, 'selfie');
  const workflow = workflowOf(workflowId);
  const documents = workflow.allowedKycDocuments;
  documents.forEach((kind, i) => {
    requirePart(form, `document_${i + 1}_front`, 'document');
    if (kind !== PASSPORT) requirePart(form, `document_${i + 1}_back`, 'document');
  });
  const request = { workflowId: workflow._id, recordIdentifier, documents, steer };
  const result = verify(kit, client, { ...request, api: 'v3', selfie: selfie.text });
  return reply(c, v3Answer(kit, result));
}

/** The client's own workflow: V2 verifications name none (the portal's default). */
const defaultWorkflow = (client: Client) => workflowOf(client.defaultWorkflowId);

/** V2 single: selfie_image (5002), doc_front_image and doc_back_image (5006), all documented mandatory. */
async function singleVerification(c: Context<ProviderEnv>) {
  const kit = c.get('kit');
  const client = clientOf(c);
  const form = await formFrom(c);
  const selfie = requirePart(form, 'selfie_image', 'field');
  const steer = steerOf(selfie, 'selfie_image');
  const workflow = defaultWorkflow(client);
  requirePart(form, 'doc_front_image', 'document');
  requirePart(form, 'doc_back_image', 'document');
  const documents = workflow.allowedKycDocuments.slice(0, 1);
  const request = { workflowId: workflow._id, recordIdentifier: null, documents, steer };
  const result = verify(kit, client, { ...request, api: 'v2-single', selfie: selfie.text });
  return reply(c, v2Answer(kit, result));
}

// The V2 multi-document parts per document: id_, dl_ and pp_ front and back images.
const PREFIX: Record<string, string> = { 'ID Card': 'id', 'Driving License': 'dl', Passport: 'pp' };

/**
 * The documents a V2 multi-document request shows. `workflow` (default): each of the client
 * workflow's documents, front and back (a passport's back optional), as Faceki's React Native SDK
 * sends them; `id-required`: the V2 page's list, ID card front and back required, the others
 * optional (a document counts when its front is sent).
 */
function multiDocuments(form: Form, workflow: Workflow, variant: string): string[] {
  if (variant === 'workflow') {
    for (const kind of workflow.allowedKycDocuments) {
      requirePart(form, `${PREFIX[kind]}_front_image`, 'document');
      if (kind !== PASSPORT) requirePart(form, `${PREFIX[kind]}_back_image`, 'document');
    }
    return workflow.allowedKycDocuments;
  }
  requirePart(form, 'id_front_image', 'document');
  requirePart(form, 'id_back_image', 'document');
  return Object.keys(PREFIX).filter((kind) => form.has(`${PREFIX[kind]}_front_image`));
}

async function multiVerification(c: Context<ProviderEnv>) {
  const kit = c.get('kit');
  const client = clientOf(c);
  const form = await formFrom(c);
  const selfie = requirePart(form, 'selfie_image', 'field');
  const steer = steerOf(selfie, 'selfie_image');
  const workflow = defaultWorkflow(client);
  const documents = multiDocuments(form, workflow, optionsOf(kit).v2MultiDocuments);
  const request = { workflowId: workflow._id, recordIdentifier: null, documents, steer };
  const result = verify(kit, client, { ...request, api: 'v2-multi', selfie: selfie.text });
  return reply(c, v2Answer(kit, result));
}

/** Face search: the one selfie part (5002), one credit, then the records of that face. */
const faceSearch = (part: string, envelope: 'blaze' | 'v2') => async (c: Context<ProviderEnv>) => {
  const kit = c.get('kit');
  const form = await formFrom(c);
  const selfie = requirePart(form, part, 'field');
  const records = searchByFace(kit, clientOf(c), selfie.text).map((s) => buildRecord(kit, s));
  return reply(c, envelope === 'blaze' ? recordsPage(records) : ok(records));
};

export function verifyRoutes() {
  return new Hono<ProviderEnv>()
    .post('/api/v3/kyc_verification', kycVerification)
    .post('/api/v3/kyc_verification/search-by-face', faceSearch('selfie', 'blaze'))
    .post('/kycverify/api/kycverify/kyc-verification', singleVerification)
    .post('/kycverify/api/kycverify/multi-kyc-verification', multiVerification)
    .post('/facelink/api/face-check', faceSearch('selfie_image', 'v2'));
}
