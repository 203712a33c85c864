import { describe, expect, it } from 'vitest';
import { slugify, uniqueSlug } from './product-writer';

describe('slugs', () => {
  it.each([
    ['Sandbox DV Single Domain', 'sandbox-dv-single-domain'],
    ['Müller & Söhne — SSL', 'muller-sohne-ssl'],
    ['  *.Wildcard  ', 'wildcard'],
    ['日本語', 'ssl-certificate'],
    ['x'.repeat(300), 'x'.repeat(100)],
  ])('%s → %s', (name, slug) => expect(slugify(name)).toBe(slug));

  it('are unique across existing and new products', () => {
    const taken = new Set(['acme-dv', 'acme-dv-2']);
    expect(uniqueSlug('Acme DV', taken)).toBe('acme-dv-3');
    expect(uniqueSlug('Acme DV', taken)).toBe('acme-dv-4');
    expect(uniqueSlug('Other', taken)).toBe('other');
  });
});
