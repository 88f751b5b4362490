// One redirect policy, used where a provider accepts a redirect URI at creation and where the
// hosted page follows it, so the two can never disagree. A scheme set names what a vendor accepts:
//   https           any https URL
//   http            any http URL
//   http-localhost  http to this machine only (localhost, 127.0.0.1, [::1])
//   app             a custom app scheme (myapp://…), never a browser-dangerous one
// Always refused: credentials in the authority (http://127.0.0.1@evil.example/), control or space
// characters, over-long URIs, and schemes that run code or leave the app (javascript:, intent:…).

export type RedirectScheme = 'https' | 'http' | 'http-localhost' | 'app';

export const MAX_REDIRECT_LENGTH = 2048;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const APP_SCHEME = /^[a-z][a-z0-9+.-]*$/;
const NOT_APP = new Set([
  'http', 'https', 'javascript', 'data', 'vbscript', 'file', 'ftp', 'ws', 'wss', 'intent', 'blob',
  'about', 'chrome', 'view-source', 'filesystem', 'jar', 'mailto', 'tel', 'sms',
]); // prettier-ignore

const hasControl = (s: string) => {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
};

/** The URI when the policy allows it, else null. */
export function allowedRedirect(
  uri: string,
  schemes: readonly RedirectScheme[] = ['https'],
): string | null {
  if (uri.length > MAX_REDIRECT_LENGTH || /[\s\\]/.test(uri) || hasControl(uri)) return null;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return null;
  }
  const scheme = url.protocol.slice(0, -1).toLowerCase();
  if (url.username || url.password) return null;
  if (scheme === 'https' || scheme === 'http') {
    // The authority as written, not as parsed: "http://localhost.evil.example" must not pass.
    if (!/^https?:\/\/[^/?#]+/i.test(uri) || !url.hostname) return null;
    if (scheme === 'https') return schemes.includes('https') ? uri : null;
    if (schemes.includes('http')) return uri;
    return schemes.includes('http-localhost') && LOCAL_HOSTS.has(url.hostname.toLowerCase())
      ? uri
      : null;
  }
  if (!schemes.includes('app') || !APP_SCHEME.test(scheme) || NOT_APP.has(scheme)) return null;
  return uri.slice(scheme.length, scheme.length + 3) === '://' ? uri : null;
}
