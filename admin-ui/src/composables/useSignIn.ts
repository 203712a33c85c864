/**
 * Signing in: the token from the addon page's fragment is exchanged for a session exactly
 * once. Without a token (the app opened directly, or reloaded) the admin is asked to open
 * the certbridge page in WHMCS, which issues a new one.
 */
import { ref } from 'vue';
import { api } from '../api/endpoints';
import { messageOf } from '../api/errors';
import type { Launch } from '../api/launch';
import { session, sessionEnded } from '../api/session';

export type SignInState = 'signing-in' | 'signed-in' | 'no-token' | 'failed';

export function useSignIn(launch: Launch) {
  const state = ref<SignInState>(launch.token ? 'signing-in' : 'no-token');
  const error = ref<string | null>(null);

  async function signIn(): Promise<void> {
    if (!launch.token) return;
    const token = launch.token;
    // Single use: never offered to the server twice, even if this fails.
    launch.token = null;
    try {
      const s = await api.signIn(token);
      session.value = { token: s.sessionToken, adminId: s.adminId, expiresAt: s.expiresAt };
      sessionEnded.value = false;
      state.value = 'signed-in';
    } catch (e) {
      error.value = messageOf(e);
      state.value = 'failed';
    }
  }

  return { state, error, signIn };
}
