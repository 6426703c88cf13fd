// Where scripts/install-tools.sh puts the real helm and kustomize (KUBEWIRE_TOOLS_DIR, else
// ~/.cache/kubewire-tools/bin), and which of them are there: the rendering tests skip without them.
import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export function toolsDir(): string {
  return process.env.KUBEWIRE_TOOLS_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'kubewire-tools', 'bin');
}

/** The absolute path of an installed tool, or null. */
export function installedTool(name: 'helm' | 'kustomize'): string | null {
  const file = path.join(toolsDir(), name);
  try {
    accessSync(file, constants.X_OK);
    return file;
  } catch {
    return null;
  }
}
