// The vendor flow as pages: one screen per step, the outcome picker on the last one, and the pages
// for a finished, closed or unknown link. Everything shown comes from the SessionAdapter's data.
import type { FC } from 'hono/jsx';
import type { HostedIdentity, HostedOutcome, HostedStep, SessionView } from '../engine/index.js';
import { flowOf, initials, pathOf, relative, type Found } from './flow.js';
import { Document, VendorShell, type Brand } from './layout.js';

export const brandOf = (s: Found): Brand => ({
  provider: s.provider.name,
  title: s.provider.title,
  product: flowOf(s).brand?.product,
});

const Bar: FC<{ view: SessionView; now: number }> = ({ view, now }) => (
  <>
    <span>state {view.state}</span>
    {view.expiresAt ? (
      <span>
        link {Date.parse(view.expiresAt) > now ? 'expires' : 'expired'}{' '}
        {relative(view.expiresAt, now)}
      </span>
    ) : null}
  </>
);

const Facts: FC<{ identity: HostedIdentity; limit?: number }> = ({ identity, limit }) => (
  <dl class="facts">
    {identity.facts.slice(0, limit).map((f) => (
      <>
        <dt>{f.label}</dt>
        <dd>{f.value}</dd>
      </>
    ))}
  </dl>
);

/** What each kind of screen shows: a document with the faker identity, a selfie oval, a form… */
const Picture: FC<{ step: HostedStep; identity: HostedIdentity; vendor: string }> = ({
  step,
  identity,
  vendor,
}) => {
  if (step.kind === 'document') {
    return (
      <div class="picture">
        <div class="doc-photo">{initials(identity.name)}</div>
        <dl class="doc-lines">
          <dt>Name</dt>
          <dd>{identity.name}</dd>
          {identity.facts.slice(0, 3).map((f) => (
            <>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </>
          ))}
        </dl>
      </div>
    );
  }
  if (step.kind === 'selfie') {
    return (
      <div class="picture selfie">
        <div class="oval">{initials(identity.name)}</div>
        <span class="muted">Centre your face in the oval and hold still</span>
      </div>
    );
  }
  if (step.kind === 'form') {
    return (
      <div class="fields">
        <label>
          Full name
          <input type="text" value={identity.name} readonly />
        </label>
        {identity.facts.slice(0, 4).map((f) => (
          <label>
            {f.label}
            <input type="text" value={f.value} readonly />
          </label>
        ))}
      </div>
    );
  }
  if (step.kind === 'consent') {
    return (
      <label class="consent">
        <input type="checkbox" name="agree" value="yes" required />
        <span>
          I agree that {vendor} checks my identity document and a selfie for {identity.name}.
          (Sandbox: nothing leaves this machine.)
        </span>
      </label>
    );
  }
  return null;
};

const Outcomes: FC<{ s: Found; outcomes: HostedOutcome[] }> = ({ s, outcomes }) => {
  const base = pathOf(s.view);
  const leave = flowOf(s).leave;
  return (
    <div class="controls">
      <h2>Sandbox: pick the outcome</h2>
      <p class="muted">
        Each choice applies {s.provider.title}'s own transition, as if it had decided, and sends its
        webhooks.
      </p>
      {outcomes.length === 0 ? (
        <p class="notice">No decision can be made from state {s.view.state}.</p>
      ) : null}
      <div class="outcomes">
        {outcomes.map((o) => (
          <form method="post" action={base} class="outcome">
            <input type="hidden" name="state" value={o.state} />
            <button type="submit" class={`btn ${o.tone ?? 'wait'}`} data-state={o.state}>
              {o.label}
            </button>
            {o.needsReason && o.reasons?.length ? (
              <select name="reason" aria-label={`Reason for ${o.label}`}>
                {o.reasons.map((r) => (
                  <option value={r}>{r}</option>
                ))}
              </select>
            ) : o.needsReason ? (
              <input
                type="text"
                name="reason"
                placeholder="Reason"
                aria-label={`Reason for ${o.label}`}
                maxlength={200}
              />
            ) : null}
          </form>
        ))}
        {leave ? (
          <form method="post" action={`${base}/leave`} class="outcome">
            <button type="submit" class="btn abandon">
              {leave}
            </button>
          </form>
        ) : null}
      </div>
    </div>
  );
};

export interface StepProps {
  s: Found;
  steps: HostedStep[];
  index: number;
  identity: HostedIdentity;
  outcomes: HostedOutcome[];
  resumed: boolean;
  error?: string;
}

export const StepPage: FC<StepProps> = ({
  s,
  steps,
  index,
  identity,
  outcomes,
  resumed,
  error,
}) => {
  const step = steps[index]!;
  const base = pathOf(s.view);
  const last = index === steps.length - 1;
  const brand = brandOf(s);
  return (
    <VendorShell
      brand={brand}
      pageTitle={`${s.provider.title} verification`}
      bar={<Bar view={s.view} now={s.kit.now()} />}
      note={
        <>
          <span>
            Verifying <strong>{identity.name}</strong> · step {index + 1} of {steps.length}
          </span>
          <span class="mono">{s.view.id}</span>
        </>
      }
    >
      <ol class="stepper">
        {steps.map((st, i) => (
          <li class={i < index ? 'done' : i === index ? 'current' : undefined}>{st.title}</li>
        ))}
      </ol>
      <section class="step" data-step={step.kind}>
        {resumed ? (
          <p class="notice">
            Welcome back: you left off at step {index + 1} of {steps.length}.
          </p>
        ) : null}
        {error ? <p class="notice error">{error}</p> : null}
        <h1>{step.title}</h1>
        {step.text ? <p class="muted">{step.text}</p> : null}
        {last ? (
          <>
            <div class="identity">
              <h2>{identity.name}</h2>
              <Facts identity={identity} />
            </div>
            <Outcomes s={s} outcomes={outcomes} />
            {index > 0 ? (
              <p class="back">
                <a href={`${base}?step=${index - 1}`}>← Back</a>
              </p>
            ) : null}
          </>
        ) : (
          <form method="post" action={`${base}/next`}>
            <input type="hidden" name="from" value={String(index)} />
            <Picture step={step} identity={identity} vendor={brand.product ?? brand.title} />
            <div class="actions">
              {index > 0 ? (
                <a class="btn ghost" href={`${base}?step=${index - 1}`}>
                  Back
                </a>
              ) : (
                <span />
              )}
              <button type="submit" class="btn primary">
                {index === 0 && flowOf(s).start ? 'Start verification' : 'Continue'}
              </button>
            </div>
          </form>
        )}
      </section>
    </VendorShell>
  );
};

/** After a decision with no redirect to follow (the vendor has none, or the stored one is refused). */
export const DonePage: FC<{
  s: Found;
  view: SessionView;
  identity: HostedIdentity;
  left?: boolean;
  refused?: boolean;
}> = ({ s, view, identity, left, refused }) => (
  <VendorShell
    brand={brandOf(s)}
    pageTitle={`${s.provider.title} verification`}
    bar={<Bar view={view} now={s.kit.now()} />}
  >
    <section class="closed">
      <div class="big" aria-hidden="true">
        {left ? '↩' : '✓'}
      </div>
      <h1>{left ? 'You can come back later' : 'Thank you'}</h1>
      <p>
        {left
          ? `Open the same link again to continue where you left off.`
          : `${identity.name}, your verification is now `}
        {left ? null : <strong class="mono">{view.state}</strong>}
      </p>
      {refused ? (
        <p class="notice error">
          The redirect stored with this link uses a scheme {s.provider.title} does not allow, so the
          page stays here.
        </p>
      ) : null}
      <p class="muted">You can close this window.</p>
    </section>
  </VendorShell>
);

const CLOSED = {
  expired: ['!', 'This link has expired', 'Links only work for a limited time. Ask for a new one.'],
  used: [
    '✓',
    'This link has already been used',
    'The verification was already submitted with this link.',
  ],
  superseded: [
    '↻',
    'This link was replaced',
    'A newer link was created for this verification; use that one.',
  ],
} as const;

export const ClosedPage: FC<{ s: Found }> = ({ s }) => {
  const link = s.view.link as keyof typeof CLOSED;
  const [icon, title, text] = CLOSED[link] ?? CLOSED.used;
  const special = flowOf(s).closed?.[s.view.state];
  return (
    <VendorShell
      brand={brandOf(s)}
      pageTitle={`${s.provider.title}: link ${s.view.link}`}
      bar={<Bar view={s.view} now={s.kit.now()} />}
    >
      <section class="closed" data-link={s.view.link}>
        <div class="big" aria-hidden="true">
          {icon}
        </div>
        <h1>{title}</h1>
        <p>{special ?? text}</p>
        <p class="muted">
          Verification state: <span class="mono">{s.view.state}</span>
        </p>
      </section>
    </VendorShell>
  );
};

/** No such link (or a path that names another provider): the sandbox's page, not any vendor's. */
export const NotFoundPage: FC<{ message?: string }> = ({ message }) => (
  <Document title="Link not found" bodyClass="vendor">
    <div class="sandbox-bar">
      <span>
        <strong>kyc-sandbox</strong> · verification links
      </span>
    </div>
    <main>
      <div class="card">
        <section class="closed">
          <div class="big" aria-hidden="true">
            ?
          </div>
          <h1>Link not found</h1>
          <p>
            {message ?? 'This verification link does not exist. Check that it was copied in full.'}
          </p>
        </section>
      </div>
    </main>
  </Document>
);
