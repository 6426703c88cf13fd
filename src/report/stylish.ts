import type { Finding, LintResult } from '../engine/result.js';
import { stripAnsi, styles } from './ansi.js';
import type { FormatOptions } from './types.js';

/**
 * ESLint's stylish format, byte for byte: a header line with the absolute path, rows of
 * `  line:col  severity  message  ruleId` aligned per file, then `✖ N problems (E errors, W warnings)`.
 * VS Code's `$eslint-stylish` problem matcher reads it.
 */
export function formatStylish(result: LintResult, opts: FormatOptions = {}): string {
  const c = styles(opts.color ?? false);
  const absOf = new Map(result.files.map((f) => [f.path, f.absPath || f.path]));
  let output = '\n';
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let hasError = false;
  const byFile = groupByFile(result.findings);
  for (const [file, findings] of byFile) {
    output += `${c.underline(absOf.get(file) ?? file)}\n`;
    const rows = findings.map((f) => {
      let type: string;
      if (f.severity === 'error') {
        type = c.red('error');
        hasError = true;
        errors++;
      } else if (f.severity === 'warning') {
        type = c.yellow('warning');
        warnings++;
      } else {
        type = c.blue('info');
        infos++;
      }
      return ['', String(f.line), String(f.column), type, f.message.replace(/([^ ])\.$/u, '$1'), c.dim(f.ruleId)];
    });
    output += `${table(rows)
      .split('\n')
      .map((line) => line.replace(/(\d+)\s+(\d+)/u, (_m, a: string, b: string) => c.dim(`${a}:${b}`)))
      .join('\n')}\n\n`;
  }
  const total = errors + warnings + infos;
  if (total === 0) return '';
  const counts = [`${errors}${plural(' error', errors)}`, `${warnings}${plural(' warning', warnings)}`];
  if (infos > 0) counts.push(`${infos}${plural(' info', infos, ' infos')}`);
  const summary = `\u2716 ${total}${plural(' problem', total)} (${counts.join(', ')})\n`;
  output += hasError ? c.boldRed(summary) : c.boldYellow(summary);
  return c.reset(output);
}

function plural(word: string, n: number, many = `${word}s`): string {
  return n === 1 ? word : many;
}

function groupByFile(findings: Finding[]): Map<string, Finding[]> {
  const m = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = m.get(f.file);
    if (list) list.push(f);
    else m.set(f.file, [f]);
  }
  return m;
}

/** text-table with align ['', 'r', 'l'] and ANSI-aware widths, as ESLint's stylish uses it. */
function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, stripAnsi(cell).length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => {
          const pad = ' '.repeat(widths[i] - stripAnsi(cell).length);
          return i === 1 ? pad + cell : cell + pad;
        })
        .join('  ')
        .replace(/\s+$/, ''),
    )
    .join('\n');
}
