// The one stylesheet of the hosted pages and the dashboard, served from /_sandbox/ui/assets so the
// CSP can forbid inline styles. Vendor colours come from each provider's `hosted.brand`.
import type { ProviderModule } from '../engine/index.js';

const BASE = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1d2330;background:#f3f4f7}
a{color:var(--brand,#3b5bdb)}
h1,h2,h3{line-height:1.25;margin:0 0 .5rem}
button,input,select{font:inherit}
.muted{color:#667085}
.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em}
.sandbox-bar{background:#1d2330;color:#d0d5dd;font-size:12px;padding:.45rem 1rem;display:flex;gap:1rem;flex-wrap:wrap;justify-content:center}
.sandbox-bar strong{color:#fff}
.pill{display:inline-block;padding:.05rem .5rem;border-radius:999px;font-size:12px;font-weight:600;background:#eef0f4;color:#344054;white-space:nowrap}
.pill.live,.pill.delivered,.pill.ok{background:#dcfae6;color:#067647}
.pill.expired,.pill.failed{background:#fee4e2;color:#b42318}
.pill.used,.pill.not_sent{background:#eef0f4;color:#475467}
.pill.superseded,.pill.pending{background:#fef0c7;color:#93370d}
.btn{display:inline-block;border:1px solid transparent;border-radius:10px;padding:.6rem 1.1rem;font-weight:600;cursor:pointer;text-decoration:none;text-align:center}
.btn.primary{background:var(--brand,#3b5bdb);color:#fff}
.btn.ghost{background:#fff;border-color:#d0d5dd;color:#344054}
.btn.approve{background:#079455;color:#fff}
.btn.reject{background:#d92d20;color:#fff}
.btn.review{background:#dc6803;color:#fff}
.btn.wait{background:#475467;color:#fff}
.btn.abandon{background:#fff;border-color:#d0d5dd;color:#b42318}
.btn.small{padding:.3rem .7rem;font-size:13px;border-radius:8px}
`;

const VENDOR = `
.vendor main{max-width:34rem;margin:2rem auto 3rem;padding:0 1rem}
.card{background:#fff;border-radius:18px;box-shadow:0 1px 2px rgba(16,24,40,.06),0 8px 24px rgba(16,24,40,.08);overflow:hidden}
.vendor-head{background:var(--brand,#3b5bdb);color:#fff;padding:1.1rem 1.5rem;display:flex;align-items:center;gap:.75rem}
.logo{width:38px;height:38px;border-radius:10px;background:rgba(255,255,255,.18);display:grid;place-items:center;font-weight:800;font-size:18px}
.vendor-name{font-weight:700;font-size:18px}
.vendor-product{font-size:13px;opacity:.85}
.stepper{display:flex;list-style:none;margin:0;padding:1rem 1.5rem 0;gap:.35rem;counter-reset:step}
.stepper li{flex:1;min-width:0;font-size:11px;color:#98a2b3;text-align:center;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.stepper li::before{content:"";display:block;height:4px;border-radius:4px;background:#e4e7ec;margin-bottom:.35rem}
.stepper li.done::before,.stepper li.current::before{background:var(--brand,#3b5bdb)}
.stepper li.current{color:#1d2330;font-weight:600}
.step{padding:1.25rem 1.5rem 1.5rem}
.step p{margin:.25rem 0 1rem}
.picture{border:2px dashed #d0d5dd;border-radius:14px;padding:1.25rem;margin:0 0 1.25rem;display:flex;gap:1rem;align-items:center;background:#fafbfc}
.doc-photo{width:84px;height:104px;border-radius:8px;background:#e4e7ec;display:grid;place-items:center;color:#667085;font-weight:700;font-size:24px;flex:none}
.doc-lines dt{font-size:11px;text-transform:uppercase;letter-spacing:.04em;color:#667085}
.doc-lines dd{margin:0 0 .35rem;font-weight:600}
.selfie{justify-content:center;flex-direction:column}
.oval{width:150px;height:190px;border-radius:50%;border:4px solid var(--brand,#3b5bdb);display:grid;place-items:center;font-size:44px;font-weight:700;color:var(--brand,#3b5bdb);background:#fff}
.consent{display:flex;gap:.6rem;align-items:flex-start;margin:0 0 1.25rem;font-size:14px}
.consent input{margin-top:.25rem;width:18px;height:18px}
.fields{display:grid;gap:.6rem;margin:0 0 1.25rem}
.fields label{font-size:12px;color:#667085;display:grid;gap:.2rem}
.fields input{padding:.55rem .7rem;border:1px solid #d0d5dd;border-radius:8px}
.actions{display:flex;justify-content:space-between;align-items:center;gap:.75rem}
.identity{border:1px solid #e4e7ec;border-radius:12px;padding:1rem;margin:0 0 1.25rem}
.identity h2{font-size:17px}
.facts{display:grid;grid-template-columns:auto 1fr;gap:.2rem 1rem;margin:0;font-size:14px}
.facts dt{color:#667085}
.facts dd{margin:0;font-weight:500}
.controls{border:1px dashed #98a2b3;border-radius:12px;padding:1rem;background:#fcfcfd}
.controls h2{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:#475467;margin:0}
.controls p{font-size:13px;margin:.2rem 0 .9rem}
.outcomes{display:grid;grid-template-columns:minmax(0,1fr);gap:.5rem}
.outcome{display:flex;flex-wrap:wrap;gap:.35rem;margin:0}
.outcome .btn{flex:1 1 100%;padding:.55rem .8rem}
.back{margin:1rem 0 0;font-size:14px}
.outcome select,.outcome input[type=text]{flex:1 1 100%;min-width:0;font-size:13px;padding:.5rem;border:1px solid #d0d5dd;border-radius:8px;background:#fff}
.sandbox-note{font-size:12px;color:#667085;border-top:1px solid #eef0f4;padding:.75rem 1.5rem;display:flex;justify-content:space-between;gap:1rem;flex-wrap:wrap}
.closed{padding:2rem 1.5rem;text-align:center}
.closed .big{width:64px;height:64px;margin:0 auto .75rem;border-radius:50%;display:grid;place-items:center;font-size:30px;font-weight:700;color:var(--brand,#475467);border:3px solid var(--brand,#98a2b3)}
.notice{background:#eff8ff;border:1px solid #b2ddff;color:#175cd3;padding:.6rem .9rem;border-radius:10px;margin:0 0 1rem;font-size:14px}
.error{background:#fef3f2;border-color:#fecdca;color:#b42318}
`;

const DASHBOARD = `
.dash-head{background:#1d2330;color:#fff;padding:.8rem 1.5rem;display:flex;align-items:center;gap:1.5rem;flex-wrap:wrap}
.dash-head .brand{font-weight:800;letter-spacing:.02em}
.dash-head nav{display:flex;gap:.25rem}
.dash-head nav a{color:#d0d5dd;text-decoration:none;padding:.3rem .7rem;border-radius:8px;font-size:14px}
.dash-head nav a.current,.dash-head nav a:hover{background:#344054;color:#fff}
.dash-head .clock{margin-left:auto;font-size:13px;color:#d0d5dd}
.dash main{padding:1.25rem 1.5rem 3rem;max-width:90rem;margin:0 auto}
.panel{background:#fff;border-radius:14px;box-shadow:0 1px 2px rgba(16,24,40,.06);margin:0 0 1.25rem;overflow:auto}
.panel h2{font-size:16px;padding:.9rem 1rem .2rem}
.panel .sub{padding:0 1rem .6rem;font-size:13px;color:#667085;margin:0}
table{border-collapse:collapse;width:100%;font-size:13px}
th{text-align:left;font-weight:600;color:#475467;background:#f9fafb;padding:.5rem .75rem;border-top:1px solid #eaecf0;border-bottom:1px solid #eaecf0;white-space:nowrap}
td{padding:.5rem .75rem;border-bottom:1px solid #f2f4f7;vertical-align:top}
td.mono,td .mono,.attempts li{white-space:nowrap}
.bodies pre{white-space:pre-wrap;word-break:break-all;max-width:36em;max-height:20em;overflow:auto;margin:.3em 0}
td form{display:flex;gap:.35rem;align-items:center;margin:0}
td input[type=text],td select{padding:.25rem .4rem;border:1px solid #d0d5dd;border-radius:6px;font-size:13px}
td input.by{width:4.5rem}
td input[name=reason]{width:8.5rem}
.filters{display:flex;gap:.35rem;flex-wrap:wrap;padding:0 1rem .75rem}
.filters a{font-size:13px;text-decoration:none;padding:.15rem .6rem;border-radius:999px;border:1px solid #d0d5dd;color:#344054}
.filters a.current{background:#1d2330;color:#fff;border-color:#1d2330}
.attempts{margin:0;padding:0;list-style:none}
.tag{display:inline-block;width:.6rem;height:.6rem;border-radius:50%;background:var(--brand,#98a2b3);margin-right:.35rem}
.empty{padding:1rem;color:#667085;font-size:14px}
.choice{border:1px solid #d0d5dd;border-radius:8px;margin:1rem 0;padding:.5rem 1rem}
.choice label{display:block;padding:.25rem 0}
`;

const COLOUR = /^#[0-9a-f]{3,8}$/i;
const NAME = /^[a-z0-9-]+$/;

/** The stylesheet: the shared rules, then one `--brand` per provider whose colour is a plain hex value. */
export function stylesheet(providers: readonly ProviderModule[]): string {
  const brands = providers
    .map((p) => ({ name: p.name, color: p.sessions?.hosted?.brand?.color }))
    .filter(
      (b): b is { name: string; color: string } =>
        NAME.test(b.name) && !!b.color && COLOUR.test(b.color),
    )
    .map((b) => `.brand-${b.name}{--brand:${b.color}}`)
    .join('\n');
  return `${BASE}${VENDOR}${DASHBOARD}${brands}\n`;
}
