/**
 * The session token, in memory only: no cookie (so no CSRF) and no storage (so nothing
 * outlives the page). Reloading the app therefore signs the admin out; the WHMCS page gives
 * a fresh sign-in token when it is opened again.
 */
import { ref } from 'vue';

export interface Session {
  token: string;
  adminId: number;
  expiresAt: string;
}

export const session = ref<Session | null>(null);

/** Set when the server refused the session (expired or unknown): the UI asks to sign in again. */
export const sessionEnded = ref(false);

export function endSession(): void {
  session.value = null;
  sessionEnded.value = true;
}
