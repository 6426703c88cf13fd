// The SARIF a kubewire run writes, typed for the tests that read it (a parsed log is otherwise `any`).

/** The parts of a SARIF 2.1.0 log, as formatSarif writes it, that the tests read. */
export interface SarifLog {
  version: string;
  runs: SarifRun[];
}

export interface SarifRun {
  tool: { driver: { rules: SarifRule[] } };
  columnKind: string;
  originalUriBaseIds: Record<string, { uri: string }>;
  results: SarifResult[];
}

/** A rule descriptor; a rule with no meta (a bare id) has no descriptions and no help. */
export interface SarifRule {
  id: string;
  shortDescription?: { text: string };
  help?: { text: string; markdown: string };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: 'error' | 'warning' | 'note';
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: string };
      region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
    };
  }[];
  partialFingerprints: Record<string, string>;
}

export function parseSarif(text: string): SarifLog {
  return JSON.parse(text) as SarifLog;
}
