import { z } from 'zod';

/** Plain http is for a developer's own machine only: a page served over https would not load it. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

// zod runs a refinement even after the URL check failed, so this one parses for itself.
const isLogoAddress = (value: string) => {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname));
  } catch {
    return false;
  }
};

/** A tenant's logo: an https:// image address, or "" for none. */
export const logoUrlSchema = z.union([z.literal(''), z.url().max(2048).refine(isLogoAddress, 'the logo is an https:// address (http:// only on localhost)')]);

/** A tenant's accent colour: `#rrggbb`, or "" for the theme's own. */
export const accentColorSchema = z.union([z.literal(''), z.string().regex(/^#[0-9a-fA-F]{6}$/, 'the accent colour is #rrggbb').transform((c) => c.toLowerCase())]);

/** `/v1/tenant/setBranding`: a field left out stays as it was. */
export const setBrandingSchema = z
  .strictObject({ logoUrl: logoUrlSchema.optional(), accentColor: accentColorSchema.optional() })
  .refine((b) => b.logoUrl !== undefined || b.accentColor !== undefined, { message: 'give logoUrl, accentColor or both', path: ['logoUrl'] });
export type BrandingUpdate = z.output<typeof setBrandingSchema>;

/** What a joining page shows of the meeting's tenant (a room's own logo first); absent: none, the default. */
export const meetingBrandingSchema = z.strictObject({
  logoUrl: z.string().optional(),
  accentColor: z.string().optional(),
});
export type MeetingBranding = z.output<typeof meetingBrandingSchema>;
