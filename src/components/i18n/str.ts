/** A text with parameters, as written with the `str` tag: `str`${name} joined``. */
export interface StrResult {
  readonly strTag: true;
  readonly strings: readonly string[];
  readonly values: readonly unknown[];
}

/** A translation: plain text, or a `str` template whose `${n}` stand for the English text's n-th value. */
export type Template = string | StrResult;

/** Tags a text with parameters, in the elements (`msg(str`${a} joined`, …)`) and in the translations (`str`${0}加入了会议``). */
export function str(strings: TemplateStringsArray, ...values: unknown[]): StrResult {
  return { strTag: true, strings, values };
}

/** The strings and values interleaved; `order` picks, for each gap, which value goes there. */
export function join(strings: readonly string[], values: readonly unknown[], order?: readonly unknown[]): string {
  let text = strings[0] ?? '';
  for (let i = 1; i < strings.length; i++) {
    text += String(order ? values[Number(order[i - 1])] : values[i - 1]) + strings[i];
  }
  return text;
}

/** An override given as plain text: `{0}`, `{1}` … stand for the English text's values, in order. */
export function fillPlaceholders(text: string, values: readonly unknown[]): string {
  if (!values.length) return text;
  return text.replace(/\{(\d+)\}/g, (whole, n: string) => (Number(n) < values.length ? String(values[Number(n)]) : whole));
}
