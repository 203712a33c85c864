/**
 * The names certbridge shows for this supplier and the endpoints ispmanager publishes.
 * Imported by every layer so a message always says "ispmanager says: …". No errors.
 */
export const CODE = 'ispmanager';
export const DISPLAY_NAME = 'ispmanager';

/** ispmanager runs two billing systems; an account exists on one of them only. */
export const ENDPOINTS = {
  eu: 'https://api-eu.ispmanager.com/billmgr',
  ru: 'https://api.ispmanager.ru/billmgr',
} as const;
export type Region = keyof typeof ENDPOINTS;

/** Each billing system charges in its own currency; an account may override it. */
export const DEFAULT_CURRENCY: Record<Region, string> = { eu: 'EUR', ru: 'RUB' };
