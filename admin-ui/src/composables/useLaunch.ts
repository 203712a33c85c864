/**
 * The launch parameters, read once at start-up (main.ts) before the router touches the URL,
 * and shared with the pages that need them (links back into WHMCS). The WHMCS origin and
 * admin URL (not secrets) are also kept in sessionStorage, so after a reload inside the frame
 * the app can still ask the WHMCS page for a fresh sign-in; the token is never stored.
 */
import { readLaunch, type Launch } from '../api/launch';

const STORE_KEY = 'certbridge.launch';
let launch: Launch = { token: null, parentOrigin: null, adminBase: null };

export function captureLaunch(): Launch {
  launch = readLaunch(window.location, window.history);
  try {
    if (launch.parentOrigin) {
      sessionStorage.setItem(STORE_KEY, JSON.stringify({ parentOrigin: launch.parentOrigin, adminBase: launch.adminBase }));
    } else {
      const kept = JSON.parse(sessionStorage.getItem(STORE_KEY) ?? 'null') as Partial<Launch> | null;
      // Re-checked like fresh input: only http(s) values are used.
      const again = readLaunch({ hash: `#origin=${encodeURIComponent(kept?.parentOrigin ?? '')}&admin=${encodeURIComponent(kept?.adminBase ?? '')}`, pathname: '', search: '' }, { replaceState: () => undefined });
      launch = { ...launch, parentOrigin: again.parentOrigin, adminBase: again.adminBase };
    }
  } catch {
    // Storage may be blocked (privacy settings); the app then only loses the "Sign in again" button.
  }
  return launch;
}

export function useLaunch(): Launch {
  return launch;
}

/**
 * A WHMCS admin link: absolute URLs as given (http/https only), relative ones resolved against
 * the WHMCS admin folder; null when it cannot be resolved safely.
 */
export function whmcsLink(url: string, adminBase: string | null = launch.adminBase): string | null {
  try {
    const resolved = adminBase ? new URL(url, adminBase) : new URL(url);
    return resolved.protocol === 'https:' || resolved.protocol === 'http:' ? resolved.href : null;
  } catch {
    return null;
  }
}
