/**
 * What the WHMCS addon page hands the app in the URL fragment (#token=…&origin=…&admin=…):
 * a single-use sign-in token, the WHMCS page's origin (the only place the app posts messages
 * to) and the WHMCS admin folder URL (for links to products). The fragment never reaches any
 * server; it is removed from the address bar at once so it is not kept in history either.
 */
export interface Launch {
  token: string | null;
  /** Origin of the WHMCS page embedding the app, or null when opened on its own. */
  parentOrigin: string | null;
  /** e.g. https://billing.example.com/admin/ — always http(s), ends with '/'. */
  adminBase: string | null;
}

export function readLaunch(loc: Pick<Location, 'hash' | 'pathname' | 'search'>, history: Pick<History, 'replaceState'>): Launch {
  const params = new URLSearchParams(loc.hash.replace(/^#/, ''));
  const token = params.get('token');
  if (loc.hash) history.replaceState(null, '', loc.pathname + loc.search);
  return {
    token: token && /^[A-Za-z0-9._~-]{16,512}$/.test(token) ? token : null,
    parentOrigin: httpOrigin(params.get('origin')),
    adminBase: httpBase(params.get('admin')),
  };
}

/** Only http(s) URLs are accepted, so a crafted link cannot smuggle in javascript: targets. */
function httpOrigin(value: string | null): string | null {
  const url = parseHttp(value);
  return url ? url.origin : null;
}

function httpBase(value: string | null): string | null {
  const url = parseHttp(value);
  if (!url) return null;
  return url.origin + url.pathname.replace(/[^/]*$/, '');
}

function parseHttp(value: string | null): URL | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}
