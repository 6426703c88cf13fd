/** The few ANSI styles the text formatters use; identity functions when color is off. */
interface Styles {
  underline(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  boldRed(s: string): string;
  boldYellow(s: string): string;
  reset(s: string): string;
}

const wrap = (open: string, close: string) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export function styles(color: boolean): Styles {
  if (!color) {
    const id = (s: string) => s;
    return { underline: id, dim: id, red: id, yellow: id, blue: id, boldRed: id, boldYellow: id, reset: id };
  }
  return {
    underline: wrap('4', '24'),
    dim: wrap('2', '22'),
    red: wrap('31', '39'),
    yellow: wrap('33', '39'),
    blue: wrap('34', '39'),
    boldRed: (s) => wrap('31', '39')(wrap('1', '22')(s)),
    boldYellow: (s) => wrap('33', '39')(wrap('1', '22')(s)),
    reset: (s) => `\u001b[0m${s}\u001b[0m`,
  };
}

export function stripAnsi(s: string): string {
  // eslint-disable-next-line no-control-regex -- an SGR sequence starts with the ESC control character: matching it is the point
  return s.replace(/\u001b\[[0-9;]*m/g, '');
}
