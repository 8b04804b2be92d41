// Values in messages: quotations cut short so that a message stays one readable line whatever the input, and
// counts with their noun ("1 epoch", "2 epochs").

/** The longest quotation an error message carries, in characters. */
export const QUOTE_LIMIT = 80;

/** `value` as JSON (a string in double quotes), cut to `limit` characters with "…" when longer. */
export function quote(value: unknown, limit = QUOTE_LIMIT): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/** A message cut to `limit` characters (the last guard before a message is printed). */
export function shortMessage(message: string, limit = 300): string {
  const line = message.replace(/\s*\n\s*/g, ' ');
  return line.length < limit ? line : `${line.slice(0, limit - 2)}…`;
}

/** `count` and its noun, singular for 1: `counted(1, 'epoch')` is "1 epoch", `counted(3, 'epoch')` "3 epochs". */
export function counted(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : `${noun}s`}`;
}
