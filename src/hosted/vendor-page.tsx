// The vendor flow as pages: one screen per step, the outcome picker on the last one (a link's end
// pages are in vendor-page-closed). Everything shown comes from the SessionAdapter's data.
import { useContext, type FC } from 'hono/jsx';
import type { HostedIdentity, HostedOutcome, HostedStep, SessionView } from '../engine/index.js';
import { flowOf, initials, optionsOf, pathOf, progressOf, relative, type Found } from './flow.js';
import { at, Root, VendorShell, type Brand } from './layout.js';

export const brandOf = (s: Found): Brand => ({
  provider: s.provider.name,
  title: s.provider.title,
  product: flowOf(s).brand?.product,
});

export const Bar: FC<{ view: SessionView; now: number }> = ({ view, now }) => (
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
  const base = at(useContext(Root), pathOf(s.view));
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

const Stepper: FC<{ steps: HostedStep[]; index: number }> = ({ steps, index }) => (
  <ol class="stepper">
    {steps.map((st, i) => (
      <li class={i < index ? 'done' : i === index ? 'current' : undefined}>{st.title}</li>
    ))}
  </ol>
);

/** The last step: who is being verified, the outcome picker, and a Back link. */
const Decision: FC<{
  s: Found;
  index: number;
  identity: HostedIdentity;
  outcomes: HostedOutcome[];
}> = ({ s, index, identity, outcomes }) => (
  <>
    <div class="identity">
      <h2>{identity.name}</h2>
      <Facts identity={identity} />
    </div>
    <Outcomes s={s} outcomes={outcomes} />
    {index > 0 ? (
      <p class="back">
        <a href={`${at(useContext(Root), pathOf(s.view))}?step=${index - 1}`}>← Back</a>
      </p>
    ) : null}
  </>
);

/** A step's choice (e.g. which one document of several to show): one radio button per option. */
const Choice: FC<{ s: Found; step: HostedStep }> = ({ s, step }) => {
  const chosen = progressOf(s.kit, s.view.id).choices?.[step.choose!.field];
  return (
    <fieldset class="choice">
      <legend>{step.choose!.label}</legend>
      {optionsOf(s, step).map((option, i) => (
        <label>
          <input
            type="radio"
            name="choice"
            value={option}
            required
            checked={chosen ? chosen === option : i === 0}
          />{' '}
          {option}
        </label>
      ))}
    </fieldset>
  );
};

/** Any earlier step: its picture, and Back and Continue (Start, on a flow's first screen). */
const StepForm: FC<{ s: Found; step: HostedStep; index: number; identity: HostedIdentity }> = ({
  s,
  step,
  index,
  identity,
}) => {
  const base = at(useContext(Root), pathOf(s.view));
  const brand = brandOf(s);
  return (
    <form method="post" action={`${base}/next`}>
      <input type="hidden" name="from" value={String(index)} />
      <Picture step={step} identity={identity} vendor={brand.product ?? brand.title} />
      {step.choose && optionsOf(s, step).length ? <Choice s={s} step={step} /> : null}
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
  );
};

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
  return (
    <VendorShell
      brand={brandOf(s)}
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
      <Stepper steps={steps} index={index} />
      <section class="step" data-step={step.kind}>
        {resumed ? (
          <p class="notice">
            Welcome back: you left off at step {index + 1} of {steps.length}.
          </p>
        ) : null}
        {error ? <p class="notice error">{error}</p> : null}
        <h1>{step.title}</h1>
        {step.text ? <p class="muted">{step.text}</p> : null}
        {index === steps.length - 1 ? (
          <Decision s={s} index={index} identity={identity} outcomes={outcomes} />
        ) : (
          <StepForm s={s} step={step} index={index} identity={identity} />
        )}
      </section>
    </VendorShell>
  );
};
