/** WCAG relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

/** The darkest text of the themes, for a light accent. */
export const DARK_TEXT = '#15191e';

/**
 * The text colour to put on a tenant's accent (`#rrggbb`): white where it reads (WCAG AA, 4.5:1),
 * else the dark text, whichever contrasts more. A tenant may pick any colour; its buttons must stay legible.
 */
export function textOn(accent: string): string {
  const l = luminance(accent);
  const white = contrast(1, l);
  return white >= 4.5 || white >= contrast(luminance(DARK_TEXT), l) ? 'white' : DARK_TEXT;
}
