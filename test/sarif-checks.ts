// Checks equivalent to the SARIF Multitool's validation rules that matter to GitHub code scanning
// (`sarif validate`, rule kinds Sarif and Gh), applied by the tests to every SARIF they produce, on top
// of the official JSON schema (test/sarif-2.1.0.json), which checks structure only. Each violation is
// reported with the id of the Multitool rule it stands for:
//
//   SARIF1001 RuleIdentifiersMustBeValid, SARIF1010 RuleIdMustBeConsistent: result.ruleId is the id of
//             rules[result.ruleIndex]; rule ids unique.
//   SARIF1004 ExpressUriBaseIdsCorrectly: a uri with a uriBaseId is relative; originalUriBaseIds uris
//             are absolute and end with `/`.
//   SARIF1005 UriMustBeAbsolute: helpUri, informationUri absolute (https).
//   SARIF1007 RegionPropertiesMustBeConsistent: startLine ≥ 1, endLine ≥ startLine, columns ≥ 1,
//             endColumn ≥ startColumn on one line (> for a non-empty region).
//   SARIF1009 IndexPropertiesMustBeConsistentWithArrays: ruleIndex within rules[].
//   SARIF1011 ReferenceFinalSchema: $schema is the 2.1.0 schema, version "2.1.0".
//   SARIF2005 ProvideToolProperties: driver name, version or semanticVersion, informationUri.
//   SARIF2012 ProvideRuleProperties: each rule has name, shortDescription, fullDescription, help, helpUri.
//   SARIF2016 FileUrisShouldBeRelative, GH1005 LocationsMustBeRelativeUrisOrFilePaths: artifact uris
//             relative to %SRCROOT%, `/` separators, no `file:` scheme.
//   GH1001 ProvideRequiredLocationProperties: every result has a location with physicalLocation,
//             artifactLocation.uri (and relatedLocations too).
//   GH1003 ProvideRequiredRegionProperties: every region has startLine.
//   GH1004 ReviewArraysThatExceedConfigurableDefaults: GitHub's documented limits — 25,000 results and
//             25,000 rules per run, 20 tags per rule, 1,000 locations and related locations per result.
// and GitHub code scanning's own requirements (docs "SARIF support for code scanning"):
//   GH-runs: one run per file for one tool and category.
//   GH-fingerprints: partialFingerprints distinct across the results of a run (alerts are matched and
//             merged by them).
//   GH-security-severity: a string number 0.1–10.0, only with the `security` tag.
//   GH-text-length: shortDescription and fullDescription ≤ 1024 characters.
//   SARIF-3.11.6: every embedded link `[text](id)` of a message names a relatedLocations id.
// Not checked (they do not affect GitHub): SARIF2001 TerminateMessagesWithPeriod, SARIF2002/2014/2015
// message arguments, SARIF2003 version control provenance, SARIF2006 UrisShouldBeReachable (network),
// SARIF2010/2011/2013 snippets and file contents.

/** The parts of a SARIF log the checks read, every field optional: the log under test may lack any. */
interface Region { startLine?: number; startColumn?: number; endLine?: number; endColumn?: number }
interface Artifact { uri?: string; uriBaseId?: string }
interface Location { id?: number; physicalLocation?: { artifactLocation?: Artifact; region?: Region } }
interface Rule {
  id: string;
  name?: string;
  shortDescription?: { text?: string };
  fullDescription?: { text?: string };
  help?: unknown;
  helpUri?: string;
  properties?: { tags?: string[]; 'security-severity'?: unknown };
}
interface Result {
  ruleId?: string;
  ruleIndex?: number;
  message?: { text?: string };
  locations?: Location[];
  relatedLocations?: Location[];
  partialFingerprints?: Record<string, string>;
  fixes?: { artifactChanges?: { artifactLocation?: Artifact }[] }[];
}
interface Run {
  tool?: { driver?: { name?: string; version?: string; semanticVersion?: string; informationUri?: string; rules?: Rule[] } };
  originalUriBaseIds?: Record<string, { uri: string }>;
  results?: Result[];
}
interface Log { $schema?: string; version?: string; runs?: Run[] }

const MAX = { results: 25_000, rules: 25_000, tags: 20, locations: 1_000, related: 1_000 };

export function sarifViolations(value: unknown): string[] {
  const log = value as Log;
  const out: string[] = [];
  const bad = (rule: string, where: string, what: string) => out.push(`${rule} ${where}: ${what}`);
  if (log.$schema !== 'https://json.schemastore.org/sarif-2.1.0.json' && !/sarif-schema-2\.1\.0\.json$/.test(String(log.$schema))) bad('SARIF1011', '$schema', String(log.$schema));
  if (log.version !== '2.1.0') bad('SARIF1011', 'version', String(log.version));
  if (!Array.isArray(log.runs) || log.runs.length !== 1) bad('GH-runs', 'runs', `${log.runs?.length} runs`);
  (log.runs ?? []).forEach((run, ri) => {
    const driver = run.tool?.driver ?? {};
    if (!driver.name) bad('SARIF2005', `runs[${ri}].tool.driver`, 'no name');
    if (!driver.version && !driver.semanticVersion) bad('SARIF2005', `runs[${ri}].tool.driver`, 'no version');
    if (!isHttps(driver.informationUri)) bad('SARIF1005', `runs[${ri}].tool.driver.informationUri`, String(driver.informationUri));
    for (const [id, base] of Object.entries(run.originalUriBaseIds ?? {})) {
      if (!/^file:\/\/\//.test(base.uri) || !base.uri.endsWith('/')) bad('SARIF1004', `originalUriBaseIds.${id}`, base.uri);
    }
    const rules: Rule[] = driver.rules ?? [];
    if (rules.length > MAX.rules) bad('GH1004', `runs[${ri}].tool.driver.rules`, `${rules.length} rules`);
    const ids = new Set<string>();
    rules.forEach((r, i) => {
      const at = `rules[${i}] ${r.id}`;
      if (ids.has(r.id)) bad('SARIF1001', at, 'duplicate id');
      ids.add(r.id);
      if (!/^[A-Za-z][\w./-]*$/.test(r.id)) bad('SARIF1001', at, 'invalid id');
      if (r.shortDescription === undefined) return; // a bare descriptor (a rule the result has no meta for)
      for (const k of ['name', 'shortDescription', 'fullDescription', 'help', 'helpUri'] as const) if (r[k] === undefined) bad('SARIF2012', at, `no ${k}`);
      if (!isHttps(r.helpUri)) bad('SARIF1005', `${at}.helpUri`, String(r.helpUri));
      if ((r.shortDescription?.text ?? '').length > 1024 || (r.fullDescription?.text ?? '').length > 1024) bad('GH-text-length', at, 'description over 1024 characters');
      const tags: string[] = r.properties?.tags ?? [];
      if (tags.length > MAX.tags) bad('GH1004', at, `${tags.length} tags`);
      const sev = r.properties?.['security-severity'];
      if (sev !== undefined) {
        if (typeof sev !== 'string' || !/^\d+(\.\d+)?$/.test(sev) || Number(sev) < 0.1 || Number(sev) > 10) bad('GH-security-severity', at, JSON.stringify(sev));
        if (!tags.includes('security')) bad('GH-security-severity', at, 'security-severity without the security tag');
      }
    });
    const results: Result[] = run.results ?? [];
    if (results.length > MAX.results) bad('GH1004', `runs[${ri}].results`, `${results.length} results`);
    const prints = new Map<string, number>();
    results.forEach((res, i) => {
      const at = `results[${i}] ${res.ruleId ?? '?'}`;
      if (typeof res.ruleIndex === 'number') {
        if (res.ruleIndex < 0 || res.ruleIndex >= rules.length) bad('SARIF1009', at, `ruleIndex ${res.ruleIndex}`);
        else if (rules[res.ruleIndex].id !== res.ruleId) bad('SARIF1010', at, `ruleIndex names ${rules[res.ruleIndex].id}`);
      }
      const locations: Location[] = res.locations ?? [];
      if (locations.length === 0) bad('GH1001', at, 'no location');
      if (locations.length > MAX.locations) bad('GH1004', at, `${locations.length} locations`);
      const related: Location[] = res.relatedLocations ?? [];
      if (related.length > MAX.related) bad('GH1004', at, `${related.length} related locations`);
      locations.forEach((l, j) => checkLocation(l, `${at} locations[${j}]`, bad));
      related.forEach((l, j) => checkLocation(l, `${at} relatedLocations[${j}]`, bad));
      for (const fix of res.fixes ?? []) for (const c of fix.artifactChanges ?? []) checkArtifact(c.artifactLocation, `${at} fix`, bad);
      const relatedIds = new Set(related.map((l) => l.id));
      if (relatedIds.size !== related.length) bad('SARIF-3.11.6', at, 'duplicate relatedLocations ids');
      for (const m of linksOf(res.message?.text ?? '')) if (!relatedIds.has(m)) bad('SARIF-3.11.6', at, `link to location ${m}, which is not among relatedLocations`);
      for (const [k, v] of Object.entries(res.partialFingerprints ?? {})) {
        const key = `${k}=${v}`;
        if (prints.has(key)) bad('GH-fingerprints', at, `shares ${k} with results[${prints.get(key)}]`);
        else prints.set(key, i);
      }
    });
  });
  return out;
}

/** Ids of the embedded links of a SARIF message (`[text](3)`), skipping escaped brackets. */
export function linksOf(text: string): number[] {
  const ids: number[] = [];
  const re = /(?<!\\)\[((?:[^\]\\]|\\.)*)\]\((\d+)\)/g;
  for (const m of text.matchAll(re)) ids.push(Number(m[2]));
  return ids;
}

function isHttps(u: unknown): boolean {
  return typeof u === 'string' && /^https:\/\/[^\s]+$/.test(u);
}

function checkLocation(l: Location, where: string, bad: (rule: string, where: string, what: string) => void): void {
  const p = l.physicalLocation;
  if (!p?.artifactLocation?.uri) {
    bad('GH1001', where, 'no physicalLocation.artifactLocation.uri');
    return;
  }
  checkArtifact(p.artifactLocation, where, bad);
  const r = p.region;
  if (!r || typeof r.startLine !== 'number') {
    bad('GH1003', where, 'no region.startLine');
    return;
  }
  const endLine = r.endLine ?? r.startLine;
  if (r.startLine < 1 || endLine < r.startLine) bad('SARIF1007', where, `lines ${r.startLine}-${endLine}`);
  if (r.startColumn !== undefined && r.startColumn < 1) bad('SARIF1007', where, `startColumn ${r.startColumn}`);
  if (r.endColumn !== undefined && r.endColumn < 1) bad('SARIF1007', where, `endColumn ${r.endColumn}`);
  if (endLine === r.startLine && r.startColumn !== undefined && r.endColumn !== undefined && r.endColumn < r.startColumn) {
    bad('SARIF1007', where, `columns ${r.startColumn}-${r.endColumn}`);
  }
}

function checkArtifact(a: Artifact | undefined, where: string, bad: (rule: string, where: string, what: string) => void): void {
  const uri = a?.uri ?? '';
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri) || uri.startsWith('/')) bad('SARIF2016', where, `absolute uri ${uri}`);
  if (uri.includes('\\')) bad('GH1005', where, `backslash in ${uri}`);
  if (a?.uriBaseId !== undefined && a.uriBaseId !== '%SRCROOT%') bad('SARIF1004', where, `uriBaseId ${a.uriBaseId}`);
  try {
    new URL(uri, 'file:///root/');
  } catch {
    bad('SARIF1004', where, `invalid uri ${uri}`);
  }
}
