/**
 * Where imported products go: an existing WHMCS product group or a new one. A new group's
 * name must not be empty nor repeat an existing group's name (WHMCS would show two groups
 * admins cannot tell apart).
 */
import { computed, reactive, type Ref } from 'vue';
import type { GroupChoice, ProductGroupInfo } from '../../../server/admin/api-types';

/** The server's limit for a new group's name (server/admin/validation.ts). */
export const GROUP_NAME_MAX = 100;

export interface GroupChoiceState {
  mode: 'existing' | 'new';
  existingId: number | null;
  newName: string;
}

export function groupError(state: GroupChoiceState, groups: ProductGroupInfo[]): string | null {
  if (state.mode === 'existing') {
    if (state.existingId === null) return groups.length ? 'Choose the product group the certificates go into.' : 'WHMCS has no product group yet: create a new one.';
    if (!groups.some((g) => g.id === state.existingId)) return 'That product group no longer exists in WHMCS: choose another one.';
    return null;
  }
  const name = state.newName.trim();
  if (name === '') return 'Enter a name for the new product group.';
  if (name.length > GROUP_NAME_MAX) return `The group name may be at most ${GROUP_NAME_MAX} characters long.`;
  const clash = groups.find((g) => g.name.trim().toLowerCase() === name.toLowerCase());
  if (clash) return `A product group named "${clash.name}" already exists: choose it under "Existing group", or enter another name.`;
  return null;
}

export function toGroupChoice(state: GroupChoiceState): GroupChoice {
  return state.mode === 'existing' ? { existingId: state.existingId ?? undefined } : { newName: state.newName.trim() };
}

export function useGroupChoice(groups: Ref<ProductGroupInfo[] | null>) {
  const state = reactive<GroupChoiceState>({ mode: 'existing', existingId: null, newName: '' });
  const error = computed(() => groupError(state, groups.value ?? []));
  return { state, error, choice: computed(() => toGroupChoice(state)) };
}
