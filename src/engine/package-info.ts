import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding kubewire's package.json, found from this module (works from src/, dist/ and the Action bundle). */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if (JSON.parse(readFileSync(pkg, 'utf8')).name === 'kubewire') return dir;
      } catch {
        // not ours; keep looking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

let cached: { name: string; version: string } | null = null;

export function packageInfo(): { name: string; version: string } {
  if (!cached) {
    const pkg = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { name: string; version: string };
    cached = { name: pkg.name, version: pkg.version };
  }
  return cached;
}

export const REPOSITORY_URL = 'https://github.com/kubewire/kubewire';

export function ruleDocsUrl(id: string): string {
  return `${REPOSITORY_URL}/blob/main/rules/${id}/README.md`;
}

/** The rule's README (its docs: what, why, examples, fix), or null when the package was installed without it. */
export function ruleReadme(id: string): string | null {
  try {
    return readFileSync(path.join(packageRoot(), 'rules', id, 'README.md'), 'utf8');
  } catch {
    return null;
  }
}
