// Engine versions as the linter compares them: major.minor ("20.10", "25.0"); patch levels never change rules.

export interface EngineVersion {
  readonly major: number;
  readonly minor: number;
}

/** The newest engine the knowledge table describes; used when no target is known. */
export const LATEST_KNOWN_ENGINE = '29.0';

/** Accepts "20.10", "20.10.24", "v25.0.3", "28.0.0-rc.1", "20.10.24+dfsg1"; undefined if it is not a version. */
export function parseEngineVersion(text: string): EngineVersion | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+~].*)?$/.exec(text.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]) };
}

export function compareEngineVersions(a: EngineVersion, b: EngineVersion): number {
  return a.major !== b.major ? a.major - b.major : a.minor - b.minor;
}

/** True when `target` (undefined = latest) is at least `version` (undefined = always). */
export function engineAtLeast(target: EngineVersion | undefined, version: string | undefined): boolean {
  if (version === undefined || target === undefined) return true;
  const v = parseEngineVersion(version);
  return v === undefined || compareEngineVersions(target, v) >= 0;
}

/** Is something that appeared in `since` and disappeared in `removedIn` present in `target`? */
export function availableIn(target: EngineVersion | undefined, since?: string, removedIn?: string): boolean {
  if (!engineAtLeast(target, since)) return false;
  if (removedIn === undefined) return true;
  if (target === undefined) return false;
  return !engineAtLeast(target, removedIn);
}

export function formatEngineVersion(v: EngineVersion | undefined): string {
  return v === undefined ? `${LATEST_KNOWN_ENGINE} (latest)` : `${v.major}.${v.minor}`;
}
